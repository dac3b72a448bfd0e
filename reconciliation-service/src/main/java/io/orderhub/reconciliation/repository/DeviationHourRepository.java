package io.orderhub.reconciliation.repository;

import io.orderhub.reconciliation.domain.DeviationHour;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviationHourRepository implements PanacheRepositoryBase<DeviationHour, DeviationHour.Key> {
}
