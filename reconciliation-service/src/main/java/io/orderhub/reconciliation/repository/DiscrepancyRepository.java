package io.orderhub.reconciliation.repository;

import io.orderhub.reconciliation.domain.Discrepancy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class DiscrepancyRepository implements PanacheRepositoryBase<Discrepancy, UUID> {
}
