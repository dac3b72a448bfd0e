package io.orderhub.reconciliation.repository;

import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;
import io.orderhub.reconciliation.client.ChannelSource.PlatformOrder;
import io.orderhub.reconciliation.client.ErpClient.ErpTrade;
import io.orderhub.reconciliation.domain.ErpStatus;
import io.orderhub.reconciliation.domain.Fees;
import io.orderhub.reconciliation.domain.OrderFacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The per-order snapshots of every source ({@code recon_order}), written and read in bulk with the reactive
 * PostgreSQL client: a page of a source is one {@code insert … select from unnest(…) on conflict do update … where
 * changed} statement, and the comparison reads one keyset page at a time. An upsert that changes nothing writes
 * nothing; one that changes a row bumps its {@code change_seq} and marks it for the next comparison. Panache
 * entities would cost one statement per row here, which 100,000 orders per run cannot afford.
 */
@ApplicationScoped
public class ReconOrderStore {
    private static final List<String> P_COLUMNS = List.of("p_seen_at", "p_state", "p_status", "p_conditions", "p_paid_at",
            "p_total", "p_currency", "p_fees", "p_carrier", "p_tracking", "p_updated_at");
    private static final List<String> E_COLUMNS = List.of("e_seen_at", "e_trade_no", "e_status", "e_state", "e_pay_at",
            "e_audit_at", "e_consign_at", "e_total", "e_currency", "e_fees", "e_cost", "e_warehouse", "e_carrier", "e_tracking",
            "e_updated_at");

    @Inject
    Pool pool;

    // ------------------------------------------------------------------------------------------ ERP

    static final String UPSERT_ERP = """
            insert into recon_order as r (order_key, global_order_id, channel, shop, channel_order_id,
                e_seen_at, e_trade_no, e_status, e_state, e_pay_at, e_audit_at, e_consign_at, e_total, e_currency, e_fees,
                e_cost, e_warehouse, e_carrier, e_tracking, e_updated_at)
            select u.k, u.gid, u.ch, u.shop, u.cid, now(), u.tno, u.st::integer, u.state, u.pay::timestamptz,
                u.aud::timestamptz, u.cons::timestamptz, u.tot::numeric, u.cur, u.fees, u.cost::numeric, u.wh, u.car, u.trk,
                u.upd::timestamptz
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
                $17::text[], $18::text[], $19::text[])
                as u(k, gid, ch, shop, cid, tno, st, state, pay, aud, cons, tot, cur, fees, cost, wh, car, trk, upd)
            on conflict (order_key) do update set
                global_order_id = coalesce(r.global_order_id, excluded.global_order_id),
                channel = coalesce(r.channel, excluded.channel),
                shop = coalesce(r.shop, excluded.shop),
                channel_order_id = coalesce(r.channel_order_id, excluded.channel_order_id),
                e_seen_at = coalesce(r.e_seen_at, excluded.e_seen_at),
                e_trade_no = excluded.e_trade_no, e_status = excluded.e_status, e_state = excluded.e_state,
                e_pay_at = excluded.e_pay_at, e_audit_at = excluded.e_audit_at, e_consign_at = excluded.e_consign_at,
                e_total = excluded.e_total, e_currency = excluded.e_currency, e_fees = excluded.e_fees,
                e_cost = excluded.e_cost, e_warehouse = excluded.e_warehouse, e_carrier = excluded.e_carrier,
                e_tracking = excluded.e_tracking, e_updated_at = excluded.e_updated_at,
                change_seq = r.change_seq + 1, needs_check = true
            where (r.e_trade_no, r.e_status, r.e_pay_at, r.e_audit_at, r.e_consign_at, r.e_total, r.e_currency, r.e_fees,
                    r.e_cost, r.e_warehouse, r.e_carrier, r.e_tracking)
                is distinct from (excluded.e_trade_no, excluded.e_status, excluded.e_pay_at, excluded.e_audit_at,
                    excluded.e_consign_at, excluded.e_total, excluded.e_currency, excluded.e_fees, excluded.e_cost,
                    excluded.e_warehouse, excluded.e_carrier, excluded.e_tracking)
            """;

    /** Writes one page of ERP sales orders; answers how many rows were new or changed. */
    public Uni<Integer> upsertErp(List<ErpTrade> trades) {
        if (trades.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, ErpTrade> byKey = new TreeMap<>();
        for (ErpTrade t : trades) {
            byKey.merge(erpKey(t), t, (a, b) -> b.modified() != null && a.modified() != null && b.modified().isBefore(a.modified()) ? a : b);
        }
        Columns c = new Columns(19, byKey.size());
        byKey.forEach((key, t) -> {
            Map<String, Money> fees = new TreeMap<>();
            putFee(fees, "SHIPPING", t.postAmount(), t.currency());
            putFee(fees, "DISCOUNT", t.discount(), t.currency());
            putFee(fees, "CHANNEL_FEE", t.commission(), t.currency());
            OrderState state = ErpStatus.toState(t.tradeStatus());
            c.row(key, t.outerNo(), t.platform(), t.shopNo(), t.srcTid(), t.tradeNo(), str(t.tradeStatus()),
                    state == null ? null : state.name(), str(t.payTime()), str(t.checkTime()), str(t.consignTime()),
                    str(t.receivable()), t.currency(), Fees.json(fees), str(t.goodsCost()), t.warehouseNo(), t.logisticsCode(),
                    t.logisticsNo(), str(t.modified()));
        });
        return retryingDeadlocks(pool.preparedQuery(UPSERT_ERP).execute(c.tuple()).map(RowSet::rowCount));
    }

    /** The ERP row's order key: the hub's order number it carries, else the platform ids, else the ERP's number. */
    static String erpKey(ErpTrade t) {
        if (t.outerNo() != null) {
            return t.outerNo();
        }
        if (t.platform() != null && t.shopNo() != null && t.srcTid() != null) {
            return refKey(t.platform(), t.shopNo(), t.srcTid());
        }
        return "erp:" + t.tradeNo();
    }

    // ------------------------------------------------------------------------------------------ platform

    static final String RESOLVE_PLATFORM = """
            select u.cid,
                coalesce(ref.global_order_id, x.global_order_id) as gid,
                coalesce(ref.global_order_id, x.order_key) as k
            from unnest($3::text[]) as u(cid)
            left join channel_order_ref ref on ref.channel = $1 and ref.shop = $2 and ref.channel_order_id = u.cid
            left join lateral (select r.order_key, r.global_order_id from recon_order r
                               where r.channel = $1 and r.shop = $2 and r.channel_order_id = u.cid
                               order by (r.global_order_id is null), r.order_key limit 1) x on true
            """;

    static final String UPSERT_PLATFORM = """
            insert into recon_order as r (order_key, global_order_id, channel, shop, channel_order_id,
                p_seen_at, p_state, p_status, p_conditions, p_paid_at, p_total, p_currency, p_fees, p_carrier, p_tracking,
                p_updated_at)
            select u.k, u.gid, u.ch, u.shop, u.cid, now(), u.state, u.status, u.cond, u.paid::timestamptz,
                u.tot::numeric, u.cur, u.fees, u.car, u.trk, u.upd::timestamptz
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
                as u(k, gid, ch, shop, cid, state, status, cond, paid, tot, cur, fees, car, trk, upd)
            on conflict (order_key) do update set
                global_order_id = coalesce(r.global_order_id, excluded.global_order_id),
                channel = coalesce(r.channel, excluded.channel),
                shop = coalesce(r.shop, excluded.shop),
                channel_order_id = coalesce(r.channel_order_id, excluded.channel_order_id),
                p_seen_at = coalesce(r.p_seen_at, excluded.p_seen_at),
                p_state = excluded.p_state, p_status = excluded.p_status, p_conditions = excluded.p_conditions,
                p_paid_at = excluded.p_paid_at, p_total = excluded.p_total, p_currency = excluded.p_currency,
                p_fees = excluded.p_fees, p_carrier = excluded.p_carrier, p_tracking = excluded.p_tracking,
                p_updated_at = excluded.p_updated_at,
                change_seq = r.change_seq + 1, needs_check = true
            where (r.p_state, r.p_status, r.p_conditions, r.p_paid_at, r.p_total, r.p_currency, r.p_fees, r.p_carrier,
                    r.p_tracking)
                is distinct from (excluded.p_state, excluded.p_status, excluded.p_conditions, excluded.p_paid_at,
                    excluded.p_total, excluded.p_currency, excluded.p_fees, excluded.p_carrier, excluded.p_tracking)
            """;

    /**
     * Writes one page of a platform's orders: each is filed under its global id when the hub (ingested events) or
     * the ERP (its platform ids) links it, else under {@code channel:shop:id}.
     */
    public Uni<Integer> upsertPlatform(String channel, String shop, List<PlatformOrder> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, PlatformOrder> byId = new LinkedHashMap<>();
        for (PlatformOrder o : orders) {
            byId.merge(o.channelOrderId(), o, (a, b) -> b.updatedAt() != null && a.updatedAt() != null
                    && b.updatedAt().isBefore(a.updatedAt()) ? a : b);
        }
        String[] ids = byId.keySet().toArray(String[]::new);
        return pool.preparedQuery(RESOLVE_PLATFORM).execute(Tuple.of(channel, shop, ids)).chain(rows -> {
            Map<String, String[]> resolved = new LinkedHashMap<>();
            for (Row r : rows) {
                resolved.put(r.getString("cid"), new String[]{r.getString("k"), r.getString("gid")});
            }
            Map<String, PlatformOrder> byKey = new TreeMap<>();
            Map<String, String> gidByKey = new LinkedHashMap<>();
            byId.forEach((id, o) -> {
                String[] kg = resolved.get(id);
                String key = kg == null || kg[0] == null ? refKey(channel, shop, id) : kg[0];
                byKey.put(key, o);
                gidByKey.put(key, kg == null ? null : kg[1]);
            });
            Columns c = new Columns(15, byKey.size());
            byKey.forEach((key, o) -> c.row(key, gidByKey.get(key), channel, shop, o.channelOrderId(),
                    o.state() == null ? null : o.state().name(), o.status(),
                    o.conditions() == null || o.conditions().isEmpty() ? null : String.join(",", new java.util.TreeSet<>(o.conditions())),
                    str(o.paidAt()), o.total() == null ? null : str(o.total().amount()), o.total() == null ? null : o.total().currency(),
                    Fees.json(o.fees()), o.carrier(), o.trackingNumber(), str(o.updatedAt())));
            return retryingDeadlocks(pool.preparedQuery(UPSERT_PLATFORM).execute(c.tuple()).map(RowSet::rowCount));
        });
    }

    public static String refKey(String channel, String shop, String channelOrderId) {
        return channel + ":" + shop + ":" + channelOrderId;
    }

    // ------------------------------------------------------------------------------------------ linking

    /** A row filed under channel ids that now has a global id. */
    public record Link(String ref, String globalOrderId) {
    }

    static final String UNLINKED = """
            select r.order_key as ref, coalesce(ref.global_order_id, g.global_order_id) as gid
            from recon_order r
            left join channel_order_ref ref on ref.channel = r.channel and ref.shop = r.shop
                and ref.channel_order_id = r.channel_order_id
            left join lateral (select g.global_order_id from recon_order g where g.channel = r.channel and g.shop = r.shop
                               and g.channel_order_id = r.channel_order_id and g.global_order_id is not null limit 1) g on true
            where r.global_order_id is null and coalesce(ref.global_order_id, g.global_order_id) is not null
            order by r.order_key limit $1
            """;

    static final String MERGE = mergeSql();

    private static String mergeSql() {
        List<String> cols = new ArrayList<>(List.of("channel", "shop", "channel_order_id", "first_seen_at"));
        cols.addAll(P_COLUMNS);
        cols.addAll(E_COLUMNS);
        String set = "channel = coalesce(t.channel, excluded.channel), shop = coalesce(t.shop, excluded.shop), "
                + "channel_order_id = coalesce(t.channel_order_id, excluded.channel_order_id), "
                + "first_seen_at = least(t.first_seen_at, excluded.first_seen_at), "
                // the platform's data travels with the row it was filed under; the ERP's stays if the target has its own
                + P_COLUMNS.stream().map(c -> c + " = case when excluded.p_seen_at is not null then excluded." + c + " else t." + c + " end")
                .collect(Collectors.joining(", ")) + ", "
                + E_COLUMNS.stream().map(c -> c + " = case when t.e_seen_at is null then excluded." + c + " else t." + c + " end")
                .collect(Collectors.joining(", "))
                + ", change_seq = t.change_seq + 1, needs_check = true";
        return "with pairs as (select * from unnest($1::text[], $2::text[]) as p(ref, gid)), "
                + "moved as (delete from recon_order r using pairs p where r.order_key = p.ref and r.order_key <> p.gid "
                + "returning p.gid as target, r.*) "
                + "insert into recon_order as t (order_key, global_order_id, " + String.join(", ", cols) + ") "
                + "select target, target, " + String.join(", ", cols) + " from moved "
                + "on conflict (order_key) do update set " + set;
    }

    static final String RESOLVE_MERGED = """
            update discrepancy d set resolved_at = $3, resolved_by = 'auto', last_seen_at = $3,
                resolution_note = 'the hub knows this order now as ' || p.gid || ' (matched by its platform id); it is checked under that id'
            from unnest($1::text[], $2::text[]) as p(ref, gid)
            where d.order_key = p.ref and d.resolved_at is null
            """;

    /** Rows filed under channel ids whose global id is known by now (at most {@code limit}). */
    public Uni<List<Link>> unlinked(int limit) {
        return pool.preparedQuery(UNLINKED).execute(Tuple.of(limit)).map(rows -> {
            List<Link> out = new ArrayList<>();
            rows.forEach(r -> out.add(new Link(r.getString("ref"), r.getString("gid"))));
            return out;
        });
    }

    /**
     * Moves each linked row onto its global id (merging with a row already there) and resolves the discrepancies
     * that were open under the channel ids. Answers how many discrepancies that resolved.
     */
    public Uni<Integer> link(List<Link> links, Instant now) {
        if (links.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] refs = links.stream().map(Link::ref).toArray(String[]::new);
        String[] gids = links.stream().map(Link::globalOrderId).toArray(String[]::new);
        return retryingDeadlocks(pool.withTransaction(conn -> conn.preparedQuery(MERGE).execute(Tuple.of(refs, gids))
                .chain(() -> conn.preparedQuery(RESOLVE_MERGED).execute(Tuple.of(refs, gids, now.atOffset(java.time.ZoneOffset.UTC))))
                .map(RowSet::rowCount)));
    }

    // ------------------------------------------------------------------------------------------ carrier

    /** An order whose waybill should be asked about. */
    public record CarrierDue(String orderKey, String trackingNumber) {
    }

    static final String CARRIER_DUE = """
            select r.order_key, coalesce(h.tracking_number, r.e_tracking, r.p_tracking) as tn
            from recon_order r left join hub_order h on h.global_order_id = r.global_order_id
            where r.order_key > $1
              and coalesce(h.tracking_number, r.e_tracking, r.p_tracking) is not null
              and (r.c_tracking is distinct from coalesce(h.tracking_number, r.e_tracking, r.p_tracking)
                   or (r.c_signed_at is null and (r.c_queried_at is null or r.c_queried_at < $3)))
            order by r.order_key limit $2
            """;

    /** The next page (by order key) of waybills never asked about, changed, or not yet signed and not asked since {@code refreshBefore}. */
    public Uni<List<CarrierDue>> carrierDue(String afterKey, int limit, Instant refreshBefore) {
        return pool.preparedQuery(CARRIER_DUE).execute(Tuple.of(afterKey, limit, refreshBefore.atOffset(java.time.ZoneOffset.UTC)))
                .map(rows -> {
                    List<CarrierDue> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new CarrierDue(r.getString("order_key"), r.getString("tn"))));
                    return out;
                });
    }

    /** What the carrier said about one order's waybill. */
    public record CarrierRow(String orderKey, String trackingNumber, Instant queriedAt, boolean known, Instant firstPickupAt,
            Instant signedAt, String signedBy, String lastEvent, Instant lastEventAt) {
    }

    static final String UPSERT_CARRIER = """
            update recon_order r set
                change_seq = case when (r.c_tracking, r.c_known, r.c_first_pickup_at, r.c_signed_at, r.c_signed_by, r.c_last_event)
                    is distinct from (u.trk, u.known::boolean, u.pick::timestamptz, u.sig::timestamptz, u.who, u.ev)
                    then r.change_seq + 1 else r.change_seq end,
                needs_check = r.needs_check or (r.c_tracking, r.c_known, r.c_first_pickup_at, r.c_signed_at, r.c_signed_by, r.c_last_event)
                    is distinct from (u.trk, u.known::boolean, u.pick::timestamptz, u.sig::timestamptz, u.who, u.ev),
                c_tracking = u.trk, c_queried_at = u.q::timestamptz, c_known = u.known::boolean,
                c_first_pickup_at = u.pick::timestamptz, c_signed_at = u.sig::timestamptz, c_signed_by = u.who,
                c_last_event = u.ev, c_last_event_at = u.evat::timestamptz
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                as u(k, trk, q, known, pick, sig, who, ev, evat)
            where r.order_key = u.k
            """;

    public Uni<Integer> upsertCarrier(List<CarrierRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, CarrierRow> byKey = new TreeMap<>();
        rows.forEach(r -> byKey.put(r.orderKey(), r));
        Columns c = new Columns(9, byKey.size());
        byKey.values().forEach(r -> c.row(r.orderKey(), r.trackingNumber(), str(r.queriedAt()), String.valueOf(r.known()),
                str(r.firstPickupAt()), str(r.signedAt()), r.signedBy(), r.lastEvent(), str(r.lastEventAt())));
        return retryingDeadlocks(pool.preparedQuery(UPSERT_CARRIER).execute(c.tuple()).map(RowSet::rowCount));
    }

    // ------------------------------------------------------------------------------------------ comparison pages

    /** One order to check, with the {@code change_seq} it was read at. */
    public record Check(OrderFacts facts, long changeSeq) {
    }

    static final String CHECK_PAGE = """
            select r.*, coalesce(r.channel, h.channel) as eff_channel, coalesce(r.shop, h.shop) as eff_shop,
                coalesce(r.channel_order_id, h.channel_order_id) as eff_cid,
                h.global_order_id as h_id, h.state as h_state, h.holds as h_holds, h.hold_reason as h_hold_reason,
                h.paid_at as h_paid_at, h.carrier as h_carrier, h.tracking_number as h_tracking, h.shipped_at as h_shipped_at,
                h.total as h_total, h.currency as h_currency, h.fees as h_fees, h.updated_at as h_updated_at,
                h.created_at as h_created_at
            from recon_order r left join hub_order h on h.global_order_id = r.global_order_id
            where r.needs_check and r.order_key > $1
            order by r.order_key limit $2
            """;

    /** The next page (by order key) of orders marked for a check. */
    public Uni<List<Check>> checkPage(String afterKey, int limit) {
        return pool.preparedQuery(CHECK_PAGE).execute(Tuple.of(afterKey, limit)).map(rows -> {
            List<Check> out = new ArrayList<>();
            Cols c = new Cols(rows.columnsNames());
            rows.forEach(r -> out.add(new Check(facts(c.on(r)), c.on(r).getLong("change_seq"))));
            return out;
        });
    }

    /** A row read by column name, with the names resolved once per result (a row's own lookup by name is linear). */
    static final class Cols {
        private final Map<String, Integer> index = new java.util.HashMap<>();
        private Row row;

        Cols(List<String> names) {
            for (int i = 0; i < names.size(); i++) {
                index.putIfAbsent(names.get(i), i);
            }
        }

        Cols on(Row r) {
            this.row = r;
            return this;
        }

        private int at(String name) {
            Integer i = index.get(name);
            if (i == null) {
                throw new IllegalArgumentException("no column " + name);
            }
            return i;
        }

        String getString(String name) {
            return row.getString(at(name));
        }

        Integer getInteger(String name) {
            return row.getInteger(at(name));
        }

        Long getLong(String name) {
            return row.getLong(at(name));
        }

        Boolean getBoolean(String name) {
            return row.getBoolean(at(name));
        }

        BigDecimal getBigDecimal(String name) {
            return row.getBigDecimal(at(name));
        }

        OffsetDateTime getOffsetDateTime(String name) {
            return row.getOffsetDateTime(at(name));
        }
    }

    private static OrderFacts facts(Cols r) {
        OrderFacts.Platform platform = r.getOffsetDateTime("p_seen_at") == null ? null : new OrderFacts.Platform(
                state(r.getString("p_state")), r.getString("p_status"), set(r.getString("p_conditions")), instant(r, "p_paid_at"),
                money(r.getBigDecimal("p_total"), r.getString("p_currency")), Fees.parse(r.getString("p_fees")),
                r.getString("p_carrier"), r.getString("p_tracking"), instant(r, "p_updated_at"));
        OrderFacts.Erp erp = r.getOffsetDateTime("e_seen_at") == null ? null : new OrderFacts.Erp(r.getString("e_trade_no"),
                r.getInteger("e_status"), state(r.getString("e_state")), instant(r, "e_pay_at"), instant(r, "e_audit_at"),
                instant(r, "e_consign_at"), money(r.getBigDecimal("e_total"), r.getString("e_currency")),
                Fees.parse(r.getString("e_fees")), money(r.getBigDecimal("e_cost"), r.getString("e_currency")),
                r.getString("e_warehouse"), r.getString("e_carrier"), r.getString("e_tracking"), instant(r, "e_updated_at"));
        OrderFacts.Carrier carrier = r.getString("c_tracking") == null ? null : new OrderFacts.Carrier(r.getString("c_tracking"),
                Boolean.TRUE.equals(r.getBoolean("c_known")), instant(r, "c_first_pickup_at"), instant(r, "c_signed_at"),
                r.getString("c_signed_by"), r.getString("c_last_event"), instant(r, "c_last_event_at"), instant(r, "c_queried_at"));
        OrderFacts.Hub hub = r.getString("h_id") == null ? null : new OrderFacts.Hub(state(r.getString("h_state")),
                set(r.getString("h_holds")), r.getString("h_hold_reason"), instant(r, "h_paid_at"), r.getString("h_carrier"),
                r.getString("h_tracking"), instant(r, "h_shipped_at"), money(r.getBigDecimal("h_total"), r.getString("h_currency")),
                Fees.parse(r.getString("h_fees")), instant(r, "h_updated_at"), instant(r, "h_created_at"));
        return new OrderFacts(r.getString("order_key"), r.getString("global_order_id"), r.getString("eff_channel"),
                r.getString("eff_shop"), r.getString("eff_cid"), instant(r, "first_seen_at"), platform, erp, carrier, hub);
    }

    /** The result of checking one order. */
    public record Checked(String orderKey, String channel, long changeSeq, String outcome, int openCount, Instant refTime,
            boolean recheck) {
    }

    static final String MARK_CHECKED = """
            update recon_order r set
                checked_seq = u.seq::bigint, checked_at = $8::timestamptz, outcome = u.outcome, open_count = u.open::integer,
                channel = coalesce(r.channel, u.ch),
                ref_time = u.ref::timestamptz, ref_hour = date_trunc('hour', u.ref::timestamptz, 'UTC'),
                needs_check = (r.change_seq <> u.seq::bigint) or u.recheck::boolean
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                as u(k, seq, outcome, open, ref, recheck, ch)
            where r.order_key = u.k
            """;

    public Uni<Integer> markChecked(List<Checked> checked, Instant now) {
        if (checked.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Columns c = new Columns(7, checked.size());
        checked.forEach(x -> c.row(x.orderKey(), String.valueOf(x.changeSeq()), x.outcome(), String.valueOf(x.openCount()),
                str(x.refTime()), String.valueOf(x.recheck()), x.channel()));
        Tuple t = c.tuple();
        t.addOffsetDateTime(now.atOffset(java.time.ZoneOffset.UTC));
        return retryingDeadlocks(pool.preparedQuery(MARK_CHECKED).execute(t).map(RowSet::rowCount));
    }

    // ------------------------------------------------------------------------------------------ hourly figures

    /** A channel and an hour of payment. */
    public record Hour(String channel, Instant start) {
    }

    /** Orders of one channel and hour: checked, decided (not settling), deviating. */
    public record HourStat(String channel, Instant start, int orders, int decided, int deviating) {
    }

    static final String HOUR_STATS = """
            select u.ch as channel, u.h::timestamptz as hour_start, count(r.order_key) as orders,
                count(r.order_key) filter (where r.outcome <> 'SETTLING') as decided,
                count(r.order_key) filter (where r.outcome = 'DEVIATING') as deviating
            from unnest($1::text[], $2::text[]) as u(ch, h)
            left join recon_order r on r.channel = u.ch and r.ref_hour = u.h::timestamptz and r.outcome is not null
            group by u.ch, u.h
            """;

    public Uni<List<HourStat>> hourStats(Collection<Hour> hours) {
        if (hours.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] ch = hours.stream().map(Hour::channel).toArray(String[]::new);
        String[] h = hours.stream().map(x -> x.start().toString()).toArray(String[]::new);
        return pool.preparedQuery(HOUR_STATS).execute(Tuple.of(ch, h)).map(rows -> {
            List<HourStat> out = new ArrayList<>();
            rows.forEach(r -> out.add(new HourStat(r.getString("channel"), r.getOffsetDateTime("hour_start").toInstant(),
                    r.getInteger("orders"), r.getInteger("decided"), r.getInteger("deviating"))));
            return out;
        });
    }

    // ------------------------------------------------------------------------------------------ watermarks

    /** How far a source has been read: its rows are known from {@code coveredFrom} up to {@code pulledUntil}. */
    public record Watermark(String source, Instant coveredFrom, Instant pulledUntil) {
    }

    public Uni<Watermark> watermark(String source) {
        return pool.preparedQuery("select covered_from, pulled_until from source_watermark where source = $1")
                .execute(Tuple.of(source)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Watermark(source, r.getOffsetDateTime("covered_from").toInstant(),
                            r.getOffsetDateTime("pulled_until").toInstant());
                });
    }

    public Uni<Void> saveWatermark(Watermark w) {
        return pool.preparedQuery("""
                        insert into source_watermark (source, covered_from, pulled_until, updated_at) values ($1, $2, $3, now())
                        on conflict (source) do update set pulled_until = excluded.pulled_until, updated_at = now()
                        """)
                .execute(Tuple.of(w.source(), w.coveredFrom().atOffset(java.time.ZoneOffset.UTC),
                        w.pulledUntil().atOffset(java.time.ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Parallel text arrays, one per column, for {@code unnest}. */
    static final class Columns {
        private final String[][] cols;
        private int row;

        Columns(int columns, int rows) {
            cols = new String[columns][rows];
        }

        void row(String... values) {
            for (int i = 0; i < cols.length; i++) {
                cols[i][row] = values[i];
            }
            row++;
        }

        Tuple tuple() {
            Tuple t = Tuple.tuple();
            for (String[] c : cols) {
                t.addArrayOfString(c);
            }
            return t;
        }
    }

    private static void putFee(Map<String, Money> fees, String type, BigDecimal amount, String currency) {
        if (amount != null && currency != null) {
            fees.put(type, new Money(amount, currency));
        }
    }

    private static String str(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return v.toString();
    }

    private static Instant instant(Cols r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OrderState state(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OrderState.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Set<String> set(String csv) {
        return csv == null || csv.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
    }

    private static Money money(BigDecimal amount, String currency) {
        return amount == null || currency == null ? null : new Money(amount, currency);
    }

    /**
     * A page write that lost a deadlock is written again (at most 3 times more, 20 ms apart, then 40, 80): its
     * statement or transaction was rolled back whole, and every write here is an idempotent upsert. Pages are written
     * in key order, but the event consumer's poll transaction (the hub projection) and the compare step lock the same
     * rows in other orders, so PostgreSQL may pick a page write as the victim (seen in ChannelSourcesFlowTest: "ERP pull
     * failed: deadlock detected" made a run PARTIAL).
     */
    static <T> Uni<T> retryingDeadlocks(Uni<T> write) {
        return write.onFailure(ReconOrderStore::deadlock).retry().withBackOff(java.time.Duration.ofMillis(20)).atMost(3);
    }

    static boolean deadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "40P01".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
