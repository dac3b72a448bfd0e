package io.orderhub.alerting.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.alerting.channel.AlertMessage;
import io.orderhub.alerting.channel.ChannelSender;
import io.orderhub.alerting.channel.DeliveryException;
import io.orderhub.alerting.client.WmsClient;
import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.Dispatch;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.DispatchRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Delivers what the dispatch table holds. A pass claims due rows under a lease ({@code for update skip locked},
 * so two replicas never send the same row), sends outside the transaction, and records the outcome: delivered,
 * or the error and the next attempt after an exponential backoff (capped, never given up). Notifications of one
 * channel and group key that are pending together go out as one message. Each outcome is recorded right after its
 * send; only a crash in that instant (or a database that stays away for longer than the record's retries) sends the
 * row again after its lease: at-least-once, never lost.
 */
@ApplicationScoped
public class DispatchService {
    private static final Logger LOG = Logger.getLogger(DispatchService.class);

    @Inject
    DispatchRepository dispatches;
    @Inject
    ChannelSender sender;
    @Inject
    WmsClient wms;
    @Inject
    ObjectMapper mapper;
    @Inject
    AlertingConfig config;
    @Inject
    MeterRegistry registry;

    private static final int RECORD_ATTEMPTS = 15;

    private record Outcome(List<UUID> ids, String error) {
    }

    /** One pass; returns how many rows were delivered. */
    public Uni<Integer> runOnce() {
        return claim().chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Outcome>> sends = new ArrayList<>();
            Map<String, List<Dispatch>> groups = new LinkedHashMap<>();
            for (Dispatch d : rows) {
                if (Dispatch.ACTION.equals(d.kind)) {
                    sends.add(attempt(List.of(d), Uni.createFrom().deferred(() -> act(d))));
                } else {
                    groups.computeIfAbsent(d.channel + "\n" + d.groupKey, k -> new ArrayList<>()).add(d);
                }
            }
            groups.values().forEach(g -> sends.add(attempt(g, Uni.createFrom().deferred(() -> notify(g)))));
            // Each outcome is recorded as soon as its send is over, not after the slowest send of the pass: a crash
            // between a send and its record is what sends a row again after its lease (the fault suite saw a page
            // go out twice when the service was killed while a pass waited for another channel). The records run
            // one at a time (they share this pass's session context); a record that fails (PostgreSQL restarting)
            // is retried for a while before the row is left to its lease.
            return Multi.createFrom().iterable(sends)
                    .onItem().transformToUniAndMerge(send -> send)
                    .onItem().transformToUniAndConcatenate(this::recordPersistently)
                    .collect().with(Collectors.summingInt(Integer::intValue));
        });
    }

    private Uni<Integer> recordPersistently(Outcome outcome) {
        return Uni.createFrom().deferred(() -> record(outcome))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(RECORD_ATTEMPTS)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("the outcome of deliveries %s could not be recorded (%s); they are sent again after their lease",
                            outcome.ids(), e.getMessage());
                    return 0;
                });
    }

    private Uni<List<Dispatch>> claim() {
        Instant now = Times.now();
        Instant lease = now.plus(config.dispatch().lease());
        return Panache.withTransaction(() -> dispatches.getSession().chain(s -> s.createNativeQuery(
                        "select * from dispatch d where d.delivered_at is null and (d.lease_until is null or d.lease_until < :now) "
                                + "and exists (select 1 from dispatch e where e.channel = d.channel and e.group_key = d.group_key "
                                + "and e.delivered_at is null and e.next_attempt_at <= :now) "
                                + "order by d.created_at, d.id limit 500 for update skip locked", Dispatch.class)
                .setParameter("now", now).getResultList())
                .invoke(rows -> rows.forEach(d -> d.leaseUntil = lease)));
    }

    private Uni<Outcome> attempt(List<Dispatch> rows, Uni<Void> send) {
        List<UUID> ids = rows.stream().map(d -> d.id).toList();
        return send.map(x -> new Outcome(ids, null))
                .onFailure().recoverWithItem(e -> new Outcome(ids, e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    private Uni<Void> notify(List<Dispatch> group) {
        Dispatch first = group.get(0);
        AlertingConfig.Channel channel = config.channels().get(first.channel);
        if (channel == null || !channel.enabled()) {
            return Uni.createFrom().failure(new DeliveryException("channel " + first.channel
                    + " is not configured (or disabled) any more: configure orderhub.alerting.channels." + first.channel
                    + " and the delivery is retried"));
        }
        List<AlertMessage> alerts = new ArrayList<>();
        group.stream().sorted(Comparator.comparing((Dispatch d) -> d.createdAt)).forEach(d -> alerts.add(read(d.payload, AlertMessage.class)));
        return sender.send(first.channel, channel, first.groupKey, alerts);
    }

    private Uni<Void> act(Dispatch d) {
        Map<String, String> args = read(d.payload, new TypeReference<Map<String, String>>() {
        });
        return switch (d.action) {
            case "PAUSE_INTAKE" -> wms.pauseIntake(args.get("reason"));
            case "RESUME_INTAKE" -> wms.resumeIntake(args.get("reason"));
            case "FREEZE_COUPONS" -> wms.freezeCoupons(args.get("globalOrderId"), args.get("reason"));
            default -> Uni.createFrom().failure(new DeliveryException("unknown action " + d.action));
        };
    }

    /** Marks the outcome's rows delivered, or failed with its error and their next attempt; the number delivered. */
    private Uni<Integer> record(Outcome outcome) {
        Instant now = Times.now();
        String error = outcome.error();
        return Panache.withTransaction(() -> dispatches.list("id in ?1", outcome.ids()).invoke(rows -> {
            for (Dispatch d : rows) {
                d.attempts++;
                d.leaseUntil = null;
                if (error == null) {
                    d.deliveredAt = now;
                    d.lastError = null;
                    registry.counter("orderhub.alerts.delivered", "channel", d.channel).increment();
                } else {
                    d.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
                    d.nextAttemptAt = now.plus(backoff(d.attempts));
                    registry.counter("orderhub.alerts.delivery.failures", "channel", d.channel).increment();
                    LOG.warnf("delivery %s to %s failed (attempt %d, next at %s): %s", d.id, d.channel, d.attempts,
                            d.nextAttemptAt, d.lastError);
                }
            }
        })).replaceWith(error == null ? outcome.ids().size() : 0);
    }

    /** initial × 2^(attempts−1), capped. */
    Duration backoff(int attempts) {
        Duration initial = config.dispatch().backoffInitial();
        Duration max = config.dispatch().backoffMax();
        Duration d = initial.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(max) > 0 ? max : d;
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("stored dispatch payload is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("stored dispatch payload cannot be read: " + e.getMessage(), e);
        }
    }

    public Uni<List<Dispatch>> list(boolean pendingOnly, UUID alertId) {
        return Panache.withSession(() -> {
            if (alertId != null) {
                return dispatches.list("alertId = ?1 order by createdAt", alertId);
            }
            return pendingOnly ? dispatches.list("deliveredAt is null order by createdAt")
                    : dispatches.find("order by createdAt desc").page(0, 200).list();
        });
    }
}
