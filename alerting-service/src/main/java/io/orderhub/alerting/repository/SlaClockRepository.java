package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.SlaClock;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SlaClockRepository implements PanacheRepositoryBase<SlaClock, String> {
}
