package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.BreakerState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BreakerRepository implements PanacheRepositoryBase<BreakerState, Short> {
}
