package io.orderhub.returns.service;

import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.returns.domain.KnownOrder;
import io.orderhub.returns.domain.KnownOrderLine;
import io.orderhub.returns.repository.KnownOrderLineRepository;
import io.orderhub.returns.repository.KnownOrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lifecycle projection returns needs: state, when it shipped and was delivered, and the order's lines. */
@ApplicationScoped
public class KnownOrders {
    @Inject
    KnownOrderRepository orders;
    @Inject
    KnownOrderLineRepository lines;

    /** Applies a lifecycle event; answers the order as it stands now, or null for a refusal (nothing changed). */
    public Uni<KnownOrder> apply(OrderLifecycleChanged change) {
        if (change.refused() || change.to() == null) {
            return Uni.createFrom().nullItem();
        }
        Instant at = change.occurredAt() != null ? change.occurredAt() : Instant.now();
        return orders.findById(change.globalOrderId()).chain(existing -> {
            KnownOrder o = existing == null ? new KnownOrder() : existing;
            o.globalOrderId = change.globalOrderId();
            if (change.channel() != null) {
                o.channel = change.channel();
            }
            o.state = change.to().name();
            o.updatedAt = Instant.now();
            if ((change.to() == OrderState.SHIPPED || change.to() == OrderState.DELIVERED) && o.shippedAt == null) {
                o.shippedAt = at;
            }
            if (change.to() == OrderState.DELIVERED && o.deliveredAt == null) {
                o.deliveredAt = at;
            }
            Uni<Void> saved = existing == null ? orders.persist(o).replaceWithVoid() : Uni.createFrom().voidItem();
            return saved.chain(() -> replaceLines(o.globalOrderId, change.lines())).replaceWith(o);
        });
    }

    /** A channel snapshot (ingest) for an order the lifecycle topic has not told about yet. */
    public Uni<KnownOrder> ensure(OrderIngested snapshot) {
        return orders.findById(snapshot.globalOrderId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            KnownOrder o = new KnownOrder();
            o.globalOrderId = snapshot.globalOrderId();
            o.channel = snapshot.channel();
            o.state = snapshot.status() == null ? OrderState.PAID.name() : snapshot.status().name();
            o.updatedAt = Instant.now();
            if (o.shipped()) {
                o.shippedAt = snapshot.channelUpdatedAt();
            }
            return orders.persist(o).chain(() -> replaceLines(o.globalOrderId, snapshot.lines())).replaceWith(o);
        });
    }

    private Uni<Void> replaceLines(String orderId, List<OrderLine> incoming) {
        if (incoming == null || incoming.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, OrderLine> bySku = new LinkedHashMap<>();
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (OrderLine l : incoming) {
            if (l.sku() == null || l.sku().isBlank()) {
                continue;
            }
            bySku.putIfAbsent(l.sku(), l);
            quantities.merge(l.sku(), l.quantity(), Integer::sum);
        }
        return lines.forOrder(orderId).chain(current -> {
            List<Uni<?>> work = new ArrayList<>();
            Map<String, KnownOrderLine> have = new LinkedHashMap<>();
            for (KnownOrderLine k : current) {
                if (bySku.containsKey(k.sku)) {
                    have.put(k.sku, k);
                } else {
                    work.add(lines.delete(k));
                }
            }
            for (Map.Entry<String, OrderLine> e : bySku.entrySet()) {
                KnownOrderLine k = have.get(e.getKey());
                boolean fresh = k == null;
                if (fresh) {
                    k = new KnownOrderLine();
                    k.globalOrderId = orderId;
                    k.sku = e.getKey();
                }
                OrderLine l = e.getValue();
                k.title = l.title();
                k.quantity = quantities.get(e.getKey());
                k.unitPrice = l.unitPrice() == null ? null : l.unitPrice().amount();
                k.currency = l.unitPrice() == null ? null : l.unitPrice().currency();
                if (fresh) {
                    work.add(lines.persist(k));
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Uni<?> u : work) {
                chain = chain.chain(() -> u).replaceWithVoid();
            }
            return chain;
        });
    }
}
