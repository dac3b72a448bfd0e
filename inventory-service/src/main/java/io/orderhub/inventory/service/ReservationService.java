package io.orderhub.inventory.service;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.OrderLifecycleChanged;
import io.orderhub.contract.payload.OrderLine;
import io.orderhub.contract.payload.ReturnChanged;
import io.orderhub.contract.payload.StockChanged;
import io.orderhub.inventory.config.InventoryConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reserves, converts, releases and consumes stock for orders. Every decision is taken on rows locked in
 * the database ({@code SELECT … FOR UPDATE}, SKUs in a fixed order), so concurrent orders for the last
 * units reserve exactly what exists. Called inside the consumer's transaction; events go to the outbox.
 */
@ApplicationScoped
public class ReservationService {
    /** The line id of an exchange's reservation: {@code EXCHANGE-<returnId>}. */
    static final String EXCHANGE_LINE_PREFIX = "EXCHANGE-";

    @Inject
    StockRepository stock;
    @Inject
    ReservationRepository reservations;
    @Inject
    SkuSettingRepository settings;
    @Inject
    Outbox outbox;
    @Inject
    InventoryConfig config;

    /**
     * A paid order: all-or-nothing reservation of its lines. An order that already holds its units changes
     * nothing, unless it holds deposits and is now fully paid (then the deposits are converted). An order whose
     * reservation was released (closed, then a late payment callback) is reserved again if the stock allows.
     */
    public Uni<Void> reserve(OrderLifecycleChanged order) {
        FundingStatus funding = order.funding() == null || order.funding() == FundingStatus.NONE
                ? FundingStatus.FULLY_PAID : order.funding();
        return reservations.forOrder(order.globalOrderId()).chain(all -> {
            List<Reservation> held = all.stream().filter(r -> r.status == ReservationStatus.RESERVED).toList();
            if (!held.isEmpty()) {
                boolean holdsDeposits = held.stream().anyMatch(r -> r.funding == FundingStatus.DEPOSIT_FROZEN);
                return funding == FundingStatus.FULLY_PAID && holdsDeposits
                        ? convert(order.globalOrderId(), held)
                        : Uni.createFrom().voidItem();
            }
            List<OrderLine> lines = order.lines() == null ? List.of() : order.lines();
            Map<String, Reservation> previous = all.stream().collect(Collectors.toMap(r -> r.lineId, Function.identity()));
            return reserveLines(order.globalOrderId(), lines, funding, order.warehouse(), previous, null, null).replaceWithVoid();
        });
    }

    /** The balance of a presale order was paid: its deposit reservations become fully paid ones. */
    public Uni<Void> balancePaid(String globalOrderId) {
        return reservations.forOrder(globalOrderId, ReservationStatus.RESERVED).chain(held ->
                held.stream().anyMatch(r -> r.funding == FundingStatus.DEPOSIT_FROZEN)
                        ? convert(globalOrderId, held) : Uni.createFrom().voidItem());
    }

    /**
     * Converting deposits needs real units ({@code on_hand − fully_paid_reserved}) in the reserving warehouse:
     * the weighted share a deposit took of {@code available} is not enough. Without them nothing changes, and a
     * rejection (the order is then held STOCK_SHORTFALL) says how many units are missing.
     */
    private Uni<Void> convert(String globalOrderId, List<Reservation> held) {
        List<Reservation> deposits = held.stream().filter(r -> r.funding == FundingStatus.DEPOSIT_FROZEN).toList();
        Set<String> skus = deposits.stream().map(r -> r.sku).collect(Collectors.toCollection(TreeSet::new));
        return stock.lockSkus(skus).chain(rows -> {
            Instant now = Instant.now();
            List<StockChanged.Line> outcome = new ArrayList<>();
            boolean shortfall = false;
            Map<StockItem, Long> claimed = new java.util.IdentityHashMap<>();
            for (Reservation r : deposits) {
                StockItem s = find(rows, r.warehouse, r.sku);
                long free = Availability.realUnitsFree(s.onHand, s.fullyPaidReserved) - claimed.getOrDefault(s, 0L);
                if (free < r.quantity) {
                    shortfall = true;
                    outcome.add(new StockChanged.Line(r.sku, r.warehouse, r.quantity, (int) (r.quantity - Math.max(free, 0))));
                } else {
                    claimed.merge(s, (long) r.quantity, Long::sum);
                    outcome.add(new StockChanged.Line(r.sku, r.warehouse, r.quantity, 0));
                }
            }
            if (shortfall) {
                String reason = "balance paid but not enough real units to convert the deposit: " + shortList(outcome);
                return outbox.add(Topics.INVENTORY, EventTypes.STOCK_REJECTED, globalOrderId, globalOrderId,
                        new StockChanged(globalOrderId, FundingStatus.FULLY_PAID, outcome, reason, now)).replaceWithVoid();
            }
            for (Reservation r : deposits) {
                StockItem s = find(rows, r.warehouse, r.sku);
                s.depositFrozen = Math.max(0, s.depositFrozen - r.quantity);
                s.fullyPaidReserved += r.quantity;
                s.updatedAt = now;
                r.funding = FundingStatus.FULLY_PAID;
                r.updatedAt = now;
            }
            return outbox.add(Topics.INVENTORY, EventTypes.STOCK_RESERVED, globalOrderId, globalOrderId,
                    new StockChanged(globalOrderId, FundingStatus.FULLY_PAID, outcome, "deposit converted to full payment", now))
                    .replaceWithVoid();
        });
    }

    /**
     * An approved exchange, in one transaction: the new SKU is reserved (it is the one deducted when the
     * exchange ships) and the original line is frozen. If the new SKU cannot be reserved, nothing changes.
     */
    public Uni<Void> exchange(ReturnChanged change) {
        String lineId = EXCHANGE_LINE_PREFIX + change.returnId();
        return reservations.forOrder(change.globalOrderId()).chain(all -> {
            if (all.stream().anyMatch(r -> r.lineId.equals(lineId))) {
                return Uni.createFrom().voidItem();
            }
            OrderLine newLine = new OrderLine(lineId, change.newSku(), change.newSku(), Math.max(1, change.quantity()), null);
            return reserveLines(change.globalOrderId(), List.of(newLine), FundingStatus.FULLY_PAID, null, Map.of(),
                    "exchange " + change.returnId() + ": " + change.newSku() + " reserved, original "
                            + change.originalSku() + " frozen", change.returnId().toString())
                    .invoke(reserved -> {
                        if (reserved) {
                            Instant now = Instant.now();
                            all.stream()
                                    .filter(r -> r.sku.equals(change.originalSku()))
                                    .filter(r -> r.status == ReservationStatus.RESERVED || r.status == ReservationStatus.CONSUMED)
                                    .forEach(r -> {
                                        r.status = ReservationStatus.FROZEN;
                                        r.updatedAt = now;
                                    });
                        }
                    })
                    .replaceWithVoid();
        });
    }

    /** Reserves every line or none; publishes reserved or rejected (with each line's shortfall). */
    private Uni<Boolean> reserveLines(String orderId, List<OrderLine> lines, FundingStatus funding, String namedWarehouse,
            Map<String, Reservation> previous, String note, String returnId) {
        Set<String> skus = lines.stream().map(OrderLine::sku).collect(Collectors.toCollection(TreeSet::new));
        return settings.forSkus(skus).chain(cfg -> stock.lockSkus(skus).chain(rows -> {
            Map<String, BigDecimal> factors = cfg.stream().collect(Collectors.toMap(s -> s.sku, s -> s.depositFactor));
            Map<String, List<StockItem>> bySku = rows.stream().collect(Collectors.groupingBy(r -> r.sku));
            Map<String, StockItem> chosenFor = new java.util.LinkedHashMap<>();
            List<StockChanged.Line> outcome = new ArrayList<>();
            Instant now = Instant.now();
            boolean shortfall = false;
            for (OrderLine line : lines) {
                BigDecimal factor = factors.getOrDefault(line.sku(), Availability.DEFAULT_DEPOSIT_FACTOR);
                List<StockItem> candidates = new ArrayList<>(bySku.getOrDefault(line.sku(), List.of()));
                candidates.sort(priority(namedWarehouse));
                StockItem chosen = candidates.stream()
                        .filter(s -> Availability.fits(s.available(factor), line.quantity(), funding, factor))
                        .findFirst().orElse(null);
                if (chosen == null) {
                    shortfall = true;
                    BigDecimal best = candidates.stream().map(s -> s.available(factor)).max(Comparator.naturalOrder())
                            .orElse(BigDecimal.ZERO).max(BigDecimal.ZERO);
                    int missing = Availability.weight(line.quantity(), funding, factor).subtract(best)
                            .setScale(0, RoundingMode.CEILING).intValue();
                    outcome.add(new StockChanged.Line(line.sku(), null, line.quantity(), Math.max(missing, 1), lineIdOf(line)));
                    continue;
                }
                hold(chosen, line.quantity(), funding);
                chosenFor.put(line.lineId() == null ? line.sku() : line.lineId(), chosen);
                outcome.add(new StockChanged.Line(line.sku(), chosen.warehouse, line.quantity(), 0, lineIdOf(line)));
            }
            if (shortfall || lines.isEmpty()) {
                // nothing of a rejected order is held: undo the in-memory holds before the flush
                for (OrderLine line : lines) {
                    StockItem s = chosenFor.get(line.lineId() == null ? line.sku() : line.lineId());
                    if (s != null) {
                        hold(s, -line.quantity(), funding);
                    }
                }
                String reason = lines.isEmpty() ? "the order has no lines to reserve"
                        : (note == null ? "" : note + ": ") + "not enough available stock for " + shortList(outcome);
                return outbox.add(Topics.INVENTORY, EventTypes.STOCK_REJECTED, orderId, orderId,
                        new StockChanged(orderId, funding, outcome, reason, now, returnId)).replaceWith(false);
            }
            List<Reservation> fresh = new ArrayList<>();
            for (OrderLine line : lines) {
                String lineId = line.lineId() == null ? line.sku() : line.lineId();
                StockItem s = chosenFor.get(lineId);
                Reservation r = previous.get(lineId);
                if (r == null) {
                    r = new Reservation();
                    r.id = UUID.randomUUID();
                    r.globalOrderId = orderId;
                    r.lineId = lineId;
                    r.createdAt = now;
                    fresh.add(r);
                }
                r.sku = line.sku();
                r.warehouse = s.warehouse;
                r.quantity = line.quantity();
                r.funding = funding;
                r.status = ReservationStatus.RESERVED;
                r.updatedAt = now;
            }
            Uni<Void> inserted = fresh.isEmpty() ? Uni.createFrom().voidItem() : reservations.persist(fresh);
            return inserted
                    .chain(() -> outbox.add(Topics.INVENTORY, EventTypes.STOCK_RESERVED, orderId, orderId,
                            new StockChanged(orderId, funding, outcome, note, now, returnId)))
                    .chain(() -> lowStockChecks(skus, rows, cfg, now))
                    .replaceWith(true);
        }));
    }

    /** The order's own warehouse first, then the configured priority, then by name. */
    private Comparator<StockItem> priority(String namedWarehouse) {
        List<String> order = config.warehousePriority().stream().filter(w -> !"none".equals(w)).toList();
        return Comparator.comparing((StockItem s) -> s.warehouse.equals(namedWarehouse) ? 0 : 1)
                .thenComparing(s -> order.contains(s.warehouse) ? order.indexOf(s.warehouse) : Integer.MAX_VALUE)
                .thenComparing(s -> s.warehouse);
    }

    private static void hold(StockItem s, int quantity, FundingStatus funding) {
        if (funding == FundingStatus.DEPOSIT_FROZEN) {
            s.depositFrozen += quantity;
        } else {
            s.fullyPaidReserved += quantity;
        }
        s.updatedAt = Instant.now();
    }

    /** Shipping consumes the order's reserved units: on-hand and reserved both go down. */
    public Uni<Void> consume(String globalOrderId) {
        return settle(globalOrderId, null, ReservationStatus.CONSUMED, EventTypes.STOCK_CONSUMED, "shipped");
    }

    /** Closing or cancelling before shipping releases the order's reserved units. */
    public Uni<Void> release(String globalOrderId, String reason) {
        return settle(globalOrderId, null, ReservationStatus.RELEASED, EventTypes.STOCK_RELEASED, reason);
    }

    /** The exchange's new SKU left the warehouse: its reservation is consumed (on-hand goes down with it). */
    public Uni<Void> exchangeShipped(ReturnChanged change) {
        return settle(change.globalOrderId(), change.returnId().toString(), ReservationStatus.CONSUMED,
                EventTypes.STOCK_CONSUMED, "exchange " + change.returnId() + " shipped");
    }

    /** The exchange ended without shipping (QC failed, goods sent back; or rejected): its units are given back. */
    public Uni<Void> exchangeAbandoned(ReturnChanged change, String why) {
        return settle(change.globalOrderId(), change.returnId().toString(), ReservationStatus.RELEASED,
                EventTypes.STOCK_RELEASED, "exchange " + change.returnId() + " " + why);
    }

    /**
     * Settles the order's held reservations: its own lines ({@code returnId} null: an exchange's units are not the
     * order's and stay held until the exchange ends), or the one line of that exchange.
     */
    private Uni<Void> settle(String globalOrderId, String returnId, ReservationStatus to, String eventType, String reason) {
        String exchangeLine = returnId == null ? null : EXCHANGE_LINE_PREFIX + returnId;
        return reservations.forOrder(globalOrderId, ReservationStatus.RESERVED).chain(all -> {
            List<Reservation> held = all.stream()
                    .filter(r -> exchangeLine == null ? !r.lineId.startsWith(EXCHANGE_LINE_PREFIX) : r.lineId.equals(exchangeLine))
                    .toList();
            if (held.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Set<String> skus = held.stream().map(r -> r.sku).collect(Collectors.toCollection(TreeSet::new));
            return stock.lockSkus(skus).chain(rows -> {
                Instant now = Instant.now();
                List<StockChanged.Line> lines = new ArrayList<>();
                for (Reservation r : held) {
                    StockItem s = find(rows, r.warehouse, r.sku);
                    hold(s, -r.quantity, r.funding);
                    s.fullyPaidReserved = Math.max(0, s.fullyPaidReserved);
                    s.depositFrozen = Math.max(0, s.depositFrozen);
                    if (to == ReservationStatus.CONSUMED) {
                        s.onHand = Math.max(0, s.onHand - r.quantity);
                    }
                    r.status = to;
                    r.updatedAt = now;
                    lines.add(new StockChanged.Line(r.sku, r.warehouse, r.quantity, 0, r.lineId));
                }
                return outbox.add(Topics.INVENTORY, eventType, globalOrderId, globalOrderId,
                        new StockChanged(globalOrderId, held.get(0).funding, lines, reason, now, returnId)).replaceWithVoid();
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

    private static String lineIdOf(OrderLine line) {
        return line.lineId() == null ? line.sku() : line.lineId();
    }

    private static String shortList(List<StockChanged.Line> outcome) {
        return outcome.stream().filter(l -> l.shortfall() > 0)
                .map(l -> l.sku() + " (short " + l.shortfall() + ")").collect(Collectors.joining(", "));
    }

    private static StockItem find(List<StockItem> rows, String warehouse, String sku) {
        return rows.stream().filter(s -> s.warehouse.equals(warehouse) && s.sku.equals(sku)).findFirst()
                .orElseThrow(() -> new IllegalStateException("stock row " + warehouse + "/" + sku + " vanished"));
    }
}
