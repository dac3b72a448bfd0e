package io.orderhub.returns.service;

import io.orderhub.contract.OrderState;
import io.orderhub.contract.payload.OrderIngested;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.returns.domain.KnownOrder;
import io.orderhub.returns.domain.KnownOrderLine;
import io.orderhub.returns.repository.KnownOrderLineRepository;
import io.orderhub.returns.repository.KnownOrderRepository;
import io.orderhub.kit.sql.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The lifecycle projection returns needs: state, when it shipped and was delivered, and the order's lines. */
@ApplicationScoped
public class KnownOrders {
    @Inject
    KnownOrderRepository orders;
    @Inject
    KnownOrderLineRepository lines;

    /**
     * The order's row in one statement, inserted or updated: the channel is kept when the event names none, the
     * state and {@code updated_at} are the event's, {@code shipped_at} and {@code delivered_at} are set once. Answers
     * whether the row is new ({@code xmax = 0}: no earlier version) and the row's channel and timestamps as stored.
     */
    static final String UPSERT = """
            insert into order_state as o (global_order_id, channel, state, updated_at, shipped_at, delivered_at)
            values ($1, cast($2 as varchar), cast($3 as varchar), cast($4 as timestamptz),
                cast($5 as timestamptz), cast($6 as timestamptz))
            on conflict (global_order_id) do update set
                channel = coalesce(excluded.channel, o.channel),
                state = excluded.state,
                updated_at = excluded.updated_at,
                shipped_at = coalesce(o.shipped_at, excluded.shipped_at),
                delivered_at = coalesce(o.delivered_at, excluded.delivered_at)
            returning (o.xmax = 0) as inserted, o.channel, o.shipped_at, o.delivered_at
            """;

    /**
     * Applies a lifecycle event; answers the order as it stands now (not a managed entity: read-only), or null for a
     * refusal (nothing changed). The order is one upsert; its lines are written only when new or different.
     */
    public Uni<KnownOrder> apply(OrderLifecycleChanged change) {
        if (change.refused() || change.to() == null) {
            return Uni.createFrom().nullItem();
        }
        Instant at = change.occurredAt() != null ? change.occurredAt() : Instant.now();
        Instant now = Instant.now();
        OrderState to = change.to();
        Instant shipped = to == OrderState.SHIPPED || to == OrderState.DELIVERED ? at : null;
        Instant delivered = to == OrderState.DELIVERED ? at : null;
        // on the session's connection, not a native query: a native select misses Hibernate's plan cache on every call
        return Sql.rows(UPSERT, change.globalOrderId(), change.channel(), to.name(), now, shipped, delivered)
                .map(rows -> rows.get(0))
                .chain(row -> {
                    KnownOrder o = new KnownOrder();
                    o.globalOrderId = change.globalOrderId();
                    o.channel = (String) row[1];
                    o.state = to.name();
                    o.updatedAt = now;
                    o.shippedAt = Sql.instant(row[2]);
                    o.deliveredAt = Sql.instant(row[3]);
                    boolean inserted = Boolean.TRUE.equals(row[0]);
                    return writeLines(o.globalOrderId, change.lines(), inserted).replaceWith(o);
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
        return writeLines(orderId, incoming, false);
    }

    /**
     * Makes the order's stored lines the incoming ones (one row per SKU, quantities summed): a new order's lines are
     * inserted without reading; otherwise the stored lines are read and only what differs is written (a SKU no longer
     * there deleted, a changed one updated, a new one inserted). No lines in the event leave the stored ones alone.
     */
    private Uni<Void> writeLines(String orderId, List<OrderLine> incoming, boolean newOrder) {
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
        Uni<List<KnownOrderLine>> stored = newOrder ? Uni.createFrom().item(List.of()) : lines.forOrder(orderId);
        return stored.chain(current -> {
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
                BigDecimal unitPrice = l.unitPrice() == null ? null : l.unitPrice().amount();
                // only a real change is assigned (an equal price of another scale is no change): nothing to update
                if (!Objects.equals(k.title, l.title())) {
                    k.title = l.title();
                }
                int quantity = quantities.get(e.getKey());
                if (k.quantity != quantity) {
                    k.quantity = quantity;
                }
                if (k.unitPrice == null || unitPrice == null ? k.unitPrice != unitPrice : k.unitPrice.compareTo(unitPrice) != 0) {
                    k.unitPrice = unitPrice;
                }
                String currency = l.unitPrice() == null ? null : l.unitPrice().currency();
                if (!Objects.equals(k.currency, currency)) {
                    k.currency = currency;
                }
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
