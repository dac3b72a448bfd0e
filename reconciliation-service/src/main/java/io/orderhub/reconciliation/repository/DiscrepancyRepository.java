package io.orderhub.reconciliation.repository;

import io.orderhub.reconciliation.domain.Discrepancy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DiscrepancyRepository implements PanacheRepositoryBase<Discrepancy, UUID> {

    /** The open discrepancies of these orders, and those a person resolved (whose signature keeps them resolved). */
    public Uni<List<Discrepancy>> openOrResolvedByPeople(Collection<String> orderKeys) {
        return list("orderKey in ?1 and (resolvedAt is null or resolvedBy like 'user:%')", orderKeys);
    }
}
