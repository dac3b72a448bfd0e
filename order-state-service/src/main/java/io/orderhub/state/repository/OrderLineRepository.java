package io.orderhub.state.repository;

import io.orderhub.state.domain.OrderLineItem;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class OrderLineRepository implements PanacheRepositoryBase<OrderLineItem, OrderLineItem.Key> {
    public Uni<List<OrderLineItem>> forOrder(String globalOrderId) {
        return find("globalOrderId", Sort.by("position"), globalOrderId).list();
    }

    public Uni<Long> deleteForOrder(String globalOrderId) {
        return delete("globalOrderId", globalOrderId);
    }
}
