package io.orderhub.returns.repository;

import io.orderhub.returns.domain.KnownOrderLine;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class KnownOrderLineRepository implements PanacheRepositoryBase<KnownOrderLine, KnownOrderLine.Key> {

    public Uni<List<KnownOrderLine>> forOrder(String globalOrderId) {
        return list("globalOrderId = ?1 order by sku", globalOrderId);
    }

    public Uni<Long> deleteForOrder(String globalOrderId) {
        return delete("globalOrderId = ?1", globalOrderId);
    }
}
