package io.orderhub.inventory.service;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.inventory.domain.Availability;
import io.orderhub.inventory.domain.Reservation;
import io.orderhub.inventory.domain.ReservationStatus;
import io.orderhub.inventory.domain.SkuSetting;
import io.orderhub.inventory.domain.StockItem;
import io.orderhub.inventory.repository.ReservationRepository;
import io.orderhub.inventory.repository.SkuSettingRepository;
import io.orderhub.inventory.repository.StockRepository;
import io.orderhub.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reserves, releases and consumes stock for orders. Every decision is taken on rows locked in the
 * database ({@code SELECT … FOR UPDATE}, SKUs in a fixed order), so concurrent orders for the last
 * units reserve exactly what exists. Called inside the consumer's transaction; events go to the outbox.
 */
@ApplicationScoped
public class ReservationService {
    @Inject
    StockRepository stock;
    @Inject
    ReservationRepository reservations;
    @Inject
    SkuSettingRepository settings;
    @Inject
    Outbox outbox;

    /** All-or-nothing reservation of an order's lines. A repeated request for a reserved order changes nothing. */
    public Uni<Void> reserve(OrderLifecycleChanged order) {
        FundingStatus funding = order.funding() == null || order.funding() == FundingStatus.NONE
                ? FundingStatus.FULLY_PAID : order.funding();
        List<OrderLine> lines = order.lines() == null ? List.of() : order.lines();
        return reservations.forOrder(order.globalOrderId(), ReservationStatus.RESERVED).chain(existing -> {
            if (!existing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Set<String> skus = lines.stream().map(OrderLine::sku).collect(Collectors.toCollection(TreeSet::new));
            return settings.forSkus(skus).chain(cfg -> stock.lockSkus(skus).chain(rows -> {
                Map<String, BigDecimal> factors = factors(cfg);
                Map<String, List<StockItem>> bySku = rows.stream().collect(Collectors.groupingBy(r -> r.sku));
                List<Reservation> made = new ArrayList<>();
                List<StockChanged.Line> outcome = new ArrayList<>();
                boolean shortfall = false;
                Instant now = Instant.now();
                for (OrderLine line : lines) {
                    BigDecimal factor = factors.getOrDefault(line.sku(), Availability.DEFAULT_DEPOSIT_FACTOR);
                    List<StockItem> candidates = new ArrayList<>(bySku.getOrDefault(line.sku(), List.of()));
                    candidates.sort(Comparator.comparing((StockItem s) -> s.available(factor)).reversed()
                            .thenComparing(s -> s.warehouse));
                    StockItem chosen = candidates.stream()
                            .filter(s -> Availability.fits(s.available(factor), line.quantity(), funding, factor))
                            .findFirst().orElse(null);
                    if (chosen == null) {
                        shortfall = true;
                        BigDecimal best = candidates.isEmpty() ? BigDecimal.ZERO : candidates.get(0).available(factor).max(BigDecimal.ZERO);
                        int missing = Availability.weight(line.quantity(), funding, factor).subtract(best)
                                .setScale(0, RoundingMode.CEILING).intValue();
                        outcome.add(new StockChanged.Line(line.sku(), candidates.isEmpty() ? null : candidates.get(0).warehouse,
                                line.quantity(), Math.max(missing, 1)));
                        continue;
                    }
                    if (funding == FundingStatus.DEPOSIT_FROZEN) {
                        chosen.depositFrozen += line.quantity();
                    } else {
                        chosen.fullyPaidReserved += line.quantity();
                    }
                    chosen.updatedAt = now;
                    made.add(reservation(order.globalOrderId(), line, chosen.warehouse, funding, now));
                    outcome.add(new StockChanged.Line(line.sku(), chosen.warehouse, line.quantity(), 0));
                }
                if (shortfall || lines.isEmpty()) {
                    // undo the in-memory increments: nothing of a rejected order is held
                    for (Reservation r : made) {
                        StockItem s = find(rows, r.warehouse, r.sku);
                        if (funding == FundingStatus.DEPOSIT_FROZEN) {
                            s.depositFrozen -= r.quantity;
                        } else {
                            s.fullyPaidReserved -= r.quantity;
                        }
                    }
                    String reason = lines.isEmpty() ? "the order has no lines to reserve"
                            : "not enough available stock for " + outcome.stream().filter(l -> l.shortfall() > 0)
                                    .map(l -> l.sku() + " (short " + l.shortfall() + ")").collect(Collectors.joining(", "));
                    return outbox.add(Topics.INVENTORY, EventTypes.STOCK_REJECTED, order.globalOrderId(), order.globalOrderId(),
                            new StockChanged(order.globalOrderId(), funding, outcome, reason, now)).replaceWithVoid();
                }
                return reservations.persist(made)
                        .chain(() -> outbox.add(Topics.INVENTORY, EventTypes.STOCK_RESERVED, order.globalOrderId(),
                                order.globalOrderId(), new StockChanged(order.globalOrderId(), funding, outcome, null, now)))
                        .chain(() -> lowStockChecks(skus, rows, cfg, now));
            }));
        });
    }

    /** Shipping consumes the order's reserved units: on-hand and reserved both go down. */
    public Uni<Void> consume(String globalOrderId) {
        return settle(globalOrderId, ReservationStatus.CONSUMED, EventTypes.STOCK_CONSUMED, "shipped");
    }

    /** Closing or cancelling before shipping releases the order's reserved units. */
    public Uni<Void> release(String globalOrderId, String reason) {
        return settle(globalOrderId, ReservationStatus.RELEASED, EventTypes.STOCK_RELEASED, reason);
    }

    private Uni<Void> settle(String globalOrderId, ReservationStatus to, String eventType, String reason) {
        return reservations.forOrder(globalOrderId, ReservationStatus.RESERVED).chain(held -> {
            if (held.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Set<String> skus = held.stream().map(r -> r.sku).collect(Collectors.toCollection(TreeSet::new));
            return stock.lockSkus(skus).chain(rows -> {
                Instant now = Instant.now();
                List<StockChanged.Line> lines = new ArrayList<>();
                FundingStatus funding = held.get(0).funding;
                for (Reservation r : held) {
                    StockItem s = find(rows, r.warehouse, r.sku);
                    if (r.funding == FundingStatus.DEPOSIT_FROZEN) {
                        s.depositFrozen = Math.max(0, s.depositFrozen - r.quantity);
                    } else {
                        s.fullyPaidReserved = Math.max(0, s.fullyPaidReserved - r.quantity);
                    }
                    if (to == ReservationStatus.CONSUMED) {
                        s.onHand = Math.max(0, s.onHand - r.quantity);
                    }
                    s.updatedAt = now;
                    r.status = to;
                    r.updatedAt = now;
                    lines.add(new StockChanged.Line(r.sku, r.warehouse, r.quantity, 0));
                }
                return outbox.add(Topics.INVENTORY, eventType, globalOrderId, globalOrderId,
                        new StockChanged(globalOrderId, funding, lines, reason, now)).replaceWithVoid();
            });
        });
    }

    private Uni<Void> lowStockChecks(Set<String> skus, List<StockItem> rows, List<SkuSetting> cfg, Instant now) {
        Map<String, SkuSetting> bySku = cfg.stream().collect(Collectors.toMap(s -> s.sku, Function.identity()));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sku : skus) {
            SkuSetting setting = bySku.get(sku);
            if (setting == null || setting.safetyThreshold <= 0) {
                continue;
            }
            long onHand = 0;
            long fullyPaid = 0;
            long deposits = 0;
            for (StockItem s : rows) {
                if (s.sku.equals(sku)) {
                    onHand += s.onHand;
                    fullyPaid += s.fullyPaidReserved;
                    deposits += s.depositFrozen;
                }
            }
            BigDecimal available = Availability.available(onHand, fullyPaid, deposits, setting.depositFactor);
            if (available.compareTo(BigDecimal.valueOf(setting.safetyThreshold)) >= 0) {
                continue;
            }
            long reserved = fullyPaid + deposits;
            BigDecimal share = reserved == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(deposits * 100L).divide(BigDecimal.valueOf(reserved), 0, RoundingMode.HALF_UP);
            long availableUnits = available.setScale(0, RoundingMode.FLOOR).longValue();
            String message = sku + " is below its safety threshold (" + availableUnits + " available < "
                    + setting.safetyThreshold + "); " + share + " % of reserved units are deposits";
            StockChanged.LowStock low = new StockChanged.LowStock(sku, onHand, availableUnits, setting.safetyThreshold,
                    fullyPaid, deposits, share, message, now);
            chain = chain.chain(() -> outbox.add(Topics.INVENTORY, EventTypes.STOCK_LOW, sku, sku, low).replaceWithVoid());
        }
        return chain;
    }

    private static Map<String, BigDecimal> factors(List<SkuSetting> cfg) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (SkuSetting s : cfg) {
            m.put(s.sku, s.depositFactor);
        }
        return m;
    }

    private static StockItem find(List<StockItem> rows, String warehouse, String sku) {
        return rows.stream().filter(s -> s.warehouse.equals(warehouse) && s.sku.equals(sku)).findFirst()
                .orElseThrow(() -> new IllegalStateException("stock row " + warehouse + "/" + sku + " vanished"));
    }

    private static Reservation reservation(String orderId, OrderLine line, String warehouse, FundingStatus funding, Instant now) {
        Reservation r = new Reservation();
        r.id = UUID.randomUUID();
        r.globalOrderId = orderId;
        r.lineId = line.lineId() == null ? line.sku() : line.lineId();
        r.sku = line.sku();
        r.warehouse = warehouse;
        r.quantity = line.quantity();
        r.funding = funding;
        r.status = ReservationStatus.RESERVED;
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }
}
