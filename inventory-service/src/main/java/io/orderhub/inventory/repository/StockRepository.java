package io.orderhub.inventory.repository;

import io.orderhub.inventory.domain.StockItem;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class StockRepository implements PanacheRepositoryBase<StockItem, StockItem.Key> {

    /**
     * Locks every warehouse row of these SKUs, always in (sku, warehouse) order so that two orders
     * locking the same SKUs can never deadlock.
     */
    public Uni<List<StockItem>> lockSkus(Collection<String> skus) {
        return find("sku in ?1", Sort.by("sku").and("warehouse"), skus)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Uni<List<StockItem>> bySku(String sku) {
        return find("sku", Sort.by("warehouse"), sku).list();
    }
}
