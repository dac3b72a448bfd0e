package io.orderhub.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.contract.Topics;
import io.orderhub.devstack.Stack;
import io.orderhub.devstack.infra.LagSampler;
import io.orderhub.devstack.sim.alerts.AlertReceivers;
import io.orderhub.fault.OrderDriver.DrivenOrder;
import io.orderhub.fault.OrderDriver.Story;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


import static org.awaitility.Awaitility.await;

/**
 * After the storm: reads every service's REST API and database and counts what went wrong. Nothing here trusts
 * one source alone — an order is looked up in ingest's identity map, state's tables and state's API; stock is
 * balanced against what was seeded.
 */
final class Invariants {
    private static final Set<String> BEFORE_SHIPPED = Set.of("PENDING_PAYMENT", "PAID", "STOCK_LOCKED", "LABEL_PRINTED", "CLOSED");

    private final Stack stack;
    private final Http http;
    private final Figures figures;

    Invariants(Stack stack, Http http, Figures figures) {
        this.stack = stack;
        this.http = http;
        this.figures = figures;
    }

    /**
     * Waits (with a deadline) until every outbox is drained, every order reached the state its story ends in, and
     * every service's consumer group has caught up with its topics. The ERP replays travel ingest → Kafka →
     * order-state after their webhooks were answered: until order-state's lag is 0 a refusal may still be written,
     * and would read as a row the fuzzer added.
     */
    void awaitQuiet(List<DrivenOrder> orders, Duration deadline) {
        try {
            await().atMost(deadline).pollInterval(Duration.ofSeconds(1)).until(() -> unpublished().values().stream().allMatch(n -> n == 0));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted by checkOutboxes
        }
        try {
            await().atMost(deadline).pollInterval(Duration.ofSeconds(2)).until(() -> wrongStates(orders).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted by checkOrders
        }
        try (LagSampler lag = new LagSampler(stack.kafka().bootstrapServers())) {
            FaultSuite.say("outboxes drained, final states reached; consumer lag: " + lag.sample());
            // offsets are committed every few seconds: lag 0 means every event was handled and its offset committed
            await().atMost(deadline).pollInterval(Duration.ofSeconds(1)).until(() -> LagSampler.total(lag.sample()) == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            figures.inc("consumer lag left after " + deadline.toSeconds() + " s");
        }
    }

    void checkAll(List<DrivenOrder> orders, Map<String, Long> seeded, List<DrivenOrder> replayed) {
        checkOrders(orders, replayed);
        checkStock(orders, seeded);
        checkOutboxes();
        checkDeadLetters();
        checkAlerts();
    }

    // ------------------------------------------------------------------ orders: lost, duplicated, final state, never backwards

    private Map<String, String> wrongStates(List<DrivenOrder> orders) {
        Map<String, String> wrong = new HashMap<>();
        Map<String, OrderRow> rows = orderRows();
        for (DrivenOrder o : orders) {
            OrderRow row = o.globalId() == null ? null : rows.get(o.globalId());
            String why = row == null ? "no order" : expected(o, row);
            if (why != null) {
                wrong.put(o.toString(), why);
            }
        }
        return wrong;
    }

    /** null when the order is where its story ends, else why not. */
    private static String expected(DrivenOrder o, OrderRow row) {
        boolean ok = switch (o.story) {
            case HUB_SHIPS -> row.state.equals("SHIPPED");
            case CHANNEL_CLOSES -> row.state.equals("CLOSED");
            // Shopify has no delivered status (fulfillment_status fulfilled → SHIPPED): its story ends SHIPPED
            case CHANNEL_DELIVERS -> row.state.equals(o.channel.equals("shopify") ? "SHIPPED" : "DELIVERED");
            case WAITS -> row.state.equals("STOCK_LOCKED");
            case WANTS_LAST_UNITS -> row.state.equals("STOCK_LOCKED") || (row.state.equals("PAID") && row.holds.contains("STOCK_SHORTFALL"));
        };
        return ok ? null : "state " + row.state + (row.holds.isEmpty() ? "" : " holds " + row.holds);
    }

    private void checkOrders(List<DrivenOrder> orders, List<DrivenOrder> replayed) {
        Map<String, String> identity = query(Stack.SERVICES.get(0), "select channel || ':' || channel_order_id, global_order_id "
                + "from channel_order where shop = 'demo'", rs -> rs.getString(2));
        Map<String, OrderRow> rows = orderRows();
        Map<String, Long> perChannelOrder = query(state(), "select channel || ':' || channel_order_id, count(*) from orders "
                + "group by 1", rs -> rs.getLong(2));
        Map<String, List<Audit>> audits = audits();
        Set<String> replayedIds = new java.util.HashSet<>(replayed.stream().map(DrivenOrder::globalId).toList());
        for (DrivenOrder o : orders) {
            if (!o.accepted) {
                continue; // counted as lost when the delivery was given up
            }
            String key = o.channel + ":" + o.orderId;
            String id = identity.get(key);
            if (o.globalIds.size() > 1) {
                figures.bad("duplicated", key + " got " + o.globalIds.size() + " global ids: " + o.globalIds);
            }
            if (perChannelOrder.getOrDefault(key, 0L) > 1) {
                figures.bad("duplicated", key + " is " + perChannelOrder.get(key) + " orders in order-state-service");
            }
            if (id == null || !rows.containsKey(id)) {
                figures.bad("lost", o + ": accepted, but " + (id == null ? "ingest has no global id" : "order-state-service has no order " + id));
                continue;
            }
            if (!o.globalIds.isEmpty() && !o.globalIds.contains(id)) {
                figures.bad("duplicated", o + ": answered " + o.globalIds + " but ingest maps it to " + id);
            }
            Http.Answer api = http.get(stack.url("order-state-service") + "/orders/" + id, stack.token("ops"));
            if (api.status() != 200) {
                figures.bad("lost", o + ": GET /orders/" + id + " answered " + api.status());
                continue;
            }
            OrderRow row = new OrderRow(api.json().path("state").asText(), String.join(",", texts(api.json().path("holds"))));
            String wrong = expected(o, row);
            if (wrong != null) {
                figures.bad("wrong final state", o + " ended " + wrong + " (timeline: " + summary(audits.get(id)) + ")");
            }
            checkTimeline(o, id, audits.getOrDefault(id, List.of()), replayedIds.contains(id));
        }
    }

    private void checkTimeline(DrivenOrder o, String id, List<Audit> timeline, boolean replayed) {
        long paid = timeline.stream().filter(a -> a.moves() && "PAID".equals(a.to)).count();
        long shipped = timeline.stream().filter(a -> a.moves() && "SHIPPED".equals(a.to)).count();
        if (paid > 1 || shipped > 1) {
            figures.bad("duplicated", o + ": " + paid + " PAID and " + shipped + " SHIPPED entries: " + summary(timeline));
        }
        boolean wasShipped = false;
        for (Audit a : timeline) {
            if (wasShipped && a.moves() && BEFORE_SHIPPED.contains(a.to)) {
                figures.bad("downgraded", id + " (" + o + ") moved " + a.from + " -> " + a.to + " after shipping, by " + a.actor);
            }
            wasShipped |= a.moves() && ("SHIPPED".equals(a.to) || "DELIVERED".equals(a.to));
        }
        if (replayed) {
            long refusals = timeline.stream().filter(a -> a.kind.equals("REFUSAL")).count();
            figures.add("downgrades refused (audited)", refusals);
            if (refusals == 0) {
                figures.inc("replayed orders without a refusal entry");
            }
        }
    }

    // ------------------------------------------------------------------ stock: never oversold, the ledger balances

    private void checkStock(List<DrivenOrder> orders, Map<String, Long> seeded) {
        Map<String, OrderRow> rows = orderRows();
        Map<String, String> byGlobalId = new HashMap<>();
        orders.forEach(o -> o.globalIds.forEach(id -> byGlobalId.put(id, o.toString())));
        Map<String, long[]> reserved = new HashMap<>(); // sku -> {reserved, consumed}
        try (Connection c = connect(inventory()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select global_order_id, sku, quantity, status from reservation")) {
            while (rs.next()) {
                String id = rs.getString(1);
                String sku = rs.getString(2);
                long qty = rs.getLong(3);
                String status = rs.getString(4);
                long[] t = reserved.computeIfAbsent(sku, k -> new long[2]);
                if (status.equals("RESERVED")) {
                    t[0] += qty;
                } else if (status.equals("CONSUMED")) {
                    t[1] += qty;
                }
                OrderRow row = rows.get(id);
                String state = row == null ? "unknown" : row.state;
                boolean leaked = status.equals("RESERVED") && Set.of("CLOSED", "SHIPPED", "DELIVERED").contains(state);
                boolean phantom = status.equals("CONSUMED") && !Set.of("SHIPPED", "DELIVERED").contains(state);
                if (leaked || phantom) {
                    figures.bad("stock ledger off", "reservation of " + id + " " + byGlobalId.getOrDefault(id, "") + " is " + status
                            + " (" + qty + " × " + sku + ") but the order is " + state);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, Long> e : seeded.entrySet()) {
            String sku = e.getKey();
            long[] t = reserved.getOrDefault(sku, new long[2]);
            Http.Answer a = http.get(stack.url("inventory-service") + "/stock/" + sku, stack.token("ops"));
            JsonNode level = a.json();
            long onHand = level.path("onHand").asLong();
            long fullyPaid = level.path("fullyPaidReserved").asLong();
            double available = level.path("available").asDouble();
            if (t[0] + t[1] > e.getValue() || available < 0 || fullyPaid > onHand) {
                figures.bad("oversold", sku + ": seeded " + e.getValue() + ", reserved " + t[0] + " + consumed " + t[1]
                        + ", on hand " + onHand + ", available " + available);
            }
            if (onHand != e.getValue() - t[1] || fullyPaid != t[0]) {
                figures.bad("stock ledger off", sku + ": seeded " + e.getValue() + " − consumed " + t[1] + " ≠ on hand " + onHand
                        + ", or reserved rows " + t[0] + " ≠ fully-paid reserved " + fullyPaid);
            }
            if (sku.equals(OrderDriver.LAST_UNITS)) {
                figures.add("last units seeded", e.getValue());
                figures.add("last units sold", t[0] + t[1]);
            }
        }
        long wanting = orders.stream().filter(o -> o.story == Story.WANTS_LAST_UNITS).count();
        figures.add("orders wanting the last units", wanting);
    }

    // ------------------------------------------------------------------ outboxes and dead letters

    private Map<String, Long> unpublished() {
        Map<String, Long> out = new HashMap<>();
        for (Stack.Service s : Stack.SERVICES) {
            out.put(s.name(), query(s, "select 'n', count(*) from outbox_event where published_at is null", rs -> rs.getLong(2))
                    .getOrDefault("n", 0L));
        }
        return out;
    }

    private void checkOutboxes() {
        unpublished().forEach((service, n) -> {
            if (n > 0) {
                figures.add("unpublished outbox rows", n - 1); // bad() below adds the last one, with the finding
                figures.bad("unpublished outbox rows", service + " has " + n + " outbox rows never published");
            }
        });
        for (Stack.Service s : Stack.SERVICES) {
            figures.add("outbox rows published", query(s, "select 'n', count(*) from outbox_event", rs -> rs.getLong(2)).getOrDefault("n", 0L));
        }
    }

    private void checkDeadLetters() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-dlq-reader", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                consumer.partitionsFor(Topics.dlq(topic), Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    figures.bad("DLQ entries", r.topic() + " " + header(r, "ce_type") + " " + header(r, "ce_subject") + ": "
                            + header(r, "dead-letter-reason"));
                }
            }
            if (read < total) {
                figures.add("DLQ entries", total - read);
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ alerts: each tier of each alert fires once

    private void checkAlerts() {
        Map<String, Integer> firings = new HashMap<>();
        for (AlertReceivers.Delivery d : stack.alertReceivers().deliveries(AlertReceivers.Kind.WEBHOOK)) {
            if (!d.accepted()) {
                continue;
            }
            for (JsonNode alert : d.json().path("alerts")) {
                if ("firing".equalsIgnoreCase(alert.path("status").asText())) {
                    firings.merge(alert.path("id").asText() + " " + alert.path("tier").asText(), 1, Integer::sum);
                }
            }
        }
        figures.add("alert tiers fired", firings.size());
        // what the alerting service decided (durably): each alert's tier is written once with its dispatch rows
        Map<String, Long> decided = query(alerting(), "select a.id || ' ' || coalesce(a.tier, ''), count(*) from alert a "
                + "join dispatch d on d.alert_id = a.id where d.channel = 'ops-webhook' group by 1", rs -> rs.getLong(2));
        firings.forEach((key, n) -> {
            if (n > 1) {
                figures.bad("alerts fired twice", "alert " + key + " reached the webhook receiver " + n + " times ("
                        + decided.getOrDefault(key, 0L) + " dispatch rows for its latest tier)");
            }
        });
        figures.add("SLA clocks with tiers fired", query(alerting(), "select 'n', count(*) from sla_clock where fired_tier > 0",
                rs -> rs.getLong(2)).getOrDefault("n", 0L));
    }

    // ------------------------------------------------------------------ reading the databases

    record OrderRow(String state, String holds) {
    }

    record Audit(String kind, String from, String to, String actor) {
        boolean moves() {
            return kind.equals("TRANSITION") || kind.equals("GAP_FILLED");
        }
    }

    private Map<String, OrderRow> orderRows() {
        return query(state(), "select global_order_id, state, holds from orders", rs -> new OrderRow(rs.getString(2), rs.getString(3)));
    }

    private Map<String, List<Audit>> audits() {
        Map<String, List<Audit>> out = new HashMap<>();
        try (Connection c = connect(state()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select global_order_id, kind, from_state, to_state, actor from order_audit "
                     + "order by global_order_id, occurred_at, id")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Audit(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static String summary(List<Audit> timeline) {
        if (timeline == null) {
            return "none";
        }
        return String.join(", ", timeline.stream().map(a -> a.kind + (a.to == null ? "" : ":" + a.to)).toList());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Rows of a two-column query as key → value. */
    <T> Map<String, T> query(Stack.Service service, String sql, SqlFunction<T> value) {
        Map<String, T> out = new HashMap<>();
        try (Connection c = connect(service); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), value.apply(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(service.name() + ": " + sql + ": " + e.getMessage(), e);
        }
        return out;
    }

    interface SqlFunction<T> {
        T apply(ResultSet rs) throws SQLException;
    }

    Connection connect(Stack.Service service) throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(service.database()), stack.postgres().user(),
                stack.postgres().password());
    }

    static Stack.Service state() {
        return service("order-state-service");
    }

    static Stack.Service inventory() {
        return service("inventory-service");
    }

    static Stack.Service alerting() {
        return service("alerting-service");
    }

    static Stack.Service service(String name) {
        return Stack.SERVICES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

}
