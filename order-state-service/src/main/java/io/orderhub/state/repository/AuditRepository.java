package io.orderhub.state.repository;

import io.orderhub.state.domain.OrderAudit;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepository<OrderAudit> {
    /** Oldest first; entries of one transaction keep the order they were written in. */
    public Uni<List<OrderAudit>> timeline(String globalOrderId) {
        return find("globalOrderId", Sort.by("occurredAt").and("id"), globalOrderId).list();
    }
}
