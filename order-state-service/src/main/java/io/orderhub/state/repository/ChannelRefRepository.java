package io.orderhub.state.repository;

import io.orderhub.state.domain.ChannelRef;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ChannelRefRepository implements PanacheRepositoryBase<ChannelRef, String> {
    public Uni<List<ChannelRef>> forOrder(String globalOrderId) {
        return find("globalOrderId", Sort.by("firstSeenAt").and("ref"), globalOrderId).list();
    }
}
