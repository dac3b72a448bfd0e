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
        // one array parameter: a page of 500 keys is one query shape, not 500 bind parameters to parse and plan
        return getSession().chain(s -> s.createNativeQuery("select * from discrepancy where order_key = any(cast(:keys as text[])) "
                        + "and (resolved_at is null or resolved_by like 'user:%')", Discrepancy.class)
                .setParameter("keys", orderKeys.toArray(String[]::new)).getResultList());
    }
}
