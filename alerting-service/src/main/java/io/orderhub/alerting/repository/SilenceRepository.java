package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.Silence;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class SilenceRepository implements PanacheRepositoryBase<Silence, UUID> {
}
