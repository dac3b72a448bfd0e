package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.SlaPolicy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SlaPolicyRepository implements PanacheRepositoryBase<SlaPolicy, Short> {
}
