package io.orderhub.state.repository;

import io.orderhub.state.domain.OutboundCall;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboundCallRepository implements PanacheRepositoryBase<OutboundCall, UUID> {
    public Uni<List<OutboundCall>> forOrder(String globalOrderId) {
        return find("globalOrderId", Sort.by("createdAt"), globalOrderId).list();
    }
}
