package io.orderhub.reconciliation.repository;

import io.orderhub.reconciliation.domain.ReconRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ReconRunRepository implements PanacheRepositoryBase<ReconRun, UUID> {
}
