package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.Dispatch;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class DispatchRepository implements PanacheRepositoryBase<Dispatch, UUID> {
}
