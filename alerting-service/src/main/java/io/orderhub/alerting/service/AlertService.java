package io.orderhub.alerting.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.alerting.channel.AlertMessage;
import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.Alert;
import io.orderhub.alerting.domain.AlertKind;
import io.orderhub.alerting.domain.AlertStatus;
import io.orderhub.alerting.domain.Dispatch;
import io.orderhub.alerting.domain.Severity;
import io.orderhub.alerting.domain.Silence;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.AlertRepository;
import io.orderhub.alerting.repository.DispatchRepository;
import io.orderhub.alerting.repository.SilenceRepository;
import io.orderhub.alerting.repository.SlaClockRepository;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.AlertChanged;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Alert hygiene in one place, always inside the caller's transaction: one alert per dedupe key (a repeat only
 * counts), escalation when the tier or severity changes, silences, acknowledgement, resolution. Each change
 * writes its {@code orderhub.alerts.v1} event to the outbox and its channel notifications to the dispatch
 * table, in the same transaction.
 */
@ApplicationScoped
public class AlertService {
    @Inject
    AlertRepository alerts;
    @Inject
    DispatchRepository dispatches;
    @Inject
    SilenceRepository silences;
    @Inject
    SlaClockRepository clocks;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;
    @Inject
    AlertingConfig config;

    /** Raises, escalates or only counts (same key, same tier and severity) an alert. */
    public Uni<Alert> raise(AlertSpec spec) {
        Instant now = Times.now();
        return alerts.lockByKey(spec.dedupeKey()).chain(existing -> {
            if (existing == null) {
                Alert a = new Alert();
                a.id = UUID.randomUUID();
                a.dedupeKey = spec.dedupeKey();
                a.occurrences = 1;
                apply(a, spec);
                a.status = AlertStatus.FIRING;
                a.raisedAt = now;
                a.lastSeenAt = now;
                return alerts.persist(a).chain(() -> fired(a, EventTypes.ALERT_RAISED, null, now));
            }
            existing.lastSeenAt = now;
            existing.occurrences++;
            if (existing.status == AlertStatus.RESOLVED) {
                apply(existing, spec);
                existing.status = AlertStatus.FIRING;
                existing.raisedAt = now;
                existing.escalatedAt = null;
                existing.acknowledgedAt = null;
                existing.acknowledgedBy = null;
                existing.resolvedAt = null;
                existing.resolvedBy = null;
                return fired(existing, EventTypes.ALERT_RAISED, null, now);
            }
            boolean escalates = !Objects.equals(existing.tier, spec.tier()) || existing.severity != spec.severity()
                    || !Objects.equals(existing.team, spec.team());
            if (!escalates) {
                existing.summary = spec.summary();
                return Uni.createFrom().item(existing);
            }
            Snapshot before = Snapshot.of(existing);
            apply(existing, spec);
            existing.escalatedAt = now;
            return fired(existing, EventTypes.ALERT_ESCALATED, before, now);
        });
    }

    private void apply(Alert a, AlertSpec spec) {
        a.kind = spec.kind();
        a.severity = spec.severity();
        a.tier = spec.tier();
        a.team = spec.team();
        a.globalOrderId = spec.globalOrderId();
        a.summary = spec.summary();
        a.groupKey = spec.groupKey();
        a.labels = spec.labels().isEmpty() ? null : toJson(new TreeMap<>(spec.labels()));
    }

    /** The previous severity/team/tier of an escalated alert (Alertmanager identifies alerts by their labels). */
    private record Snapshot(Severity severity, String team, String tier, String labels, String groupKey) {
        static Snapshot of(Alert a) {
            return new Snapshot(a.severity, a.team, a.tier, a.labels, a.groupKey);
        }
    }

    private Uni<Alert> fired(Alert a, String eventType, Snapshot before, Instant now) {
        return activeSilences(now).chain(active -> {
            Silence silence = active.stream().filter(s -> s.matches(a)).findFirst().orElse(null);
            a.silencedBy = silence == null ? null : silence.id;
            List<Dispatch> out = new ArrayList<>();
            if (silence == null) {
                if (before != null) {
                    out.addAll(endPrevious(a, before, now));
                }
                out.addAll(notifications(a, AlertStatus.FIRING, now));
            }
            return persistAll(out).chain(() -> event(a, eventType, now)).replaceWith(a);
        });
    }

    /** Alertmanager channels that had the alert under its previous labels are told that one ended. */
    private List<Dispatch> endPrevious(Alert a, Snapshot before, Instant now) {
        List<Dispatch> out = new ArrayList<>();
        AlertMessage previous = new AlertMessage(a.id, a.dedupeKey, a.kind, before.severity().lower(), before.tier(),
                before.team(), "RESOLVED", a.globalOrderId, a.summary, labels(before.labels()), a.raisedAt, now);
        for (Map.Entry<String, AlertingConfig.Channel> e : new TreeMap<>(config.channels()).entrySet()) {
            AlertingConfig.Channel ch = e.getValue();
            if (ch.enabled() && "alertmanager".equalsIgnoreCase(ch.type()) && routes(ch, before.severity(), before.team())) {
                out.add(dispatch(a.id, e.getKey(), Dispatch.NOTIFY, "RESOLVED", before.groupKey(), toJson(previous), now));
            }
        }
        return out;
    }

    /** Acknowledges an open alert: someone is on it, and an SLA alert stops escalating. */
    public Uni<Alert> acknowledge(UUID id, String by) {
        Instant now = Times.now();
        return alerts.lockById(id).chain(a -> {
            if (a == null) {
                throw ProblemException.notFound("no alert " + id + ": list them with GET /alerts");
            }
            if (a.status == AlertStatus.RESOLVED) {
                throw ProblemException.conflict("alert " + id + " was resolved at " + a.resolvedAt
                        + "; there is nothing to acknowledge").with("status", a.status.name());
            }
            if (a.status == AlertStatus.ACKNOWLEDGED) {
                return Uni.createFrom().item(a);
            }
            a.status = AlertStatus.ACKNOWLEDGED;
            a.acknowledgedAt = now;
            a.acknowledgedBy = by;
            Uni<Void> stopClock = AlertKind.SLA_SHIP_BY.equals(a.kind) && a.globalOrderId != null
                    ? clocks.findById(a.globalOrderId, LockModeType.PESSIMISTIC_WRITE).invoke(c -> {
                        if (c != null) {
                            c.escalationStopped = true;
                            c.updatedAt = now;
                        }
                    }).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return stopClock.chain(() -> event(a, EventTypes.ALERT_ACKNOWLEDGED, now)).replaceWith(a);
        });
    }

    /** Resolves the open alert of {@code dedupeKey}, if there is one. */
    public Uni<Alert> resolveKey(String dedupeKey, String by, String why) {
        return alerts.lockByKey(dedupeKey).chain(a -> a == null || a.status == AlertStatus.RESOLVED
                ? Uni.createFrom().nullItem() : resolve(a, by, why));
    }

    public Uni<Alert> resolveId(UUID id, String by) {
        return alerts.lockById(id).chain(a -> {
            if (a == null) {
                throw ProblemException.notFound("no alert " + id + ": list them with GET /alerts");
            }
            return a.status == AlertStatus.RESOLVED ? Uni.createFrom().item(a) : resolve(a, by, "resolved by " + by);
        });
    }

    private Uni<Alert> resolve(Alert a, String by, String why) {
        Instant now = Times.now();
        a.status = AlertStatus.RESOLVED;
        a.resolvedAt = now;
        a.resolvedBy = by;
        if (why != null && !a.summary.contains(" (resolved: ")) {
            a.summary = a.summary + " (resolved: " + why + ")";
        }
        List<Dispatch> out = a.silencedBy == null ? notifications(a, AlertStatus.RESOLVED, now) : List.of();
        return persistAll(out).chain(() -> event(a, EventTypes.ALERT_RESOLVED, now)).replaceWith(a);
    }

    /** One dispatch row per channel that routes this alert's severity and team. */
    private List<Dispatch> notifications(Alert a, AlertStatus status, Instant now) {
        List<Dispatch> out = new ArrayList<>();
        String payload = toJson(AlertMessage.of(a, labels(a.labels), status));
        for (Map.Entry<String, AlertingConfig.Channel> e : new TreeMap<>(config.channels()).entrySet()) {
            AlertingConfig.Channel ch = e.getValue();
            if (!ch.enabled() || !routes(ch, a.severity, a.team)) {
                continue;
            }
            if (status == AlertStatus.RESOLVED && !ch.sendResolved()) {
                continue;
            }
            out.add(dispatch(a.id, e.getKey(), Dispatch.NOTIFY, status.name(), a.groupKey, payload, now));
        }
        return out;
    }

    /** Whether a channel takes alerts of this severity and team ({@code *} takes all). */
    public static boolean routes(AlertingConfig.Channel ch, Severity severity, String team) {
        boolean sev = ch.severities().contains("*") || ch.severities().stream().anyMatch(s -> s.equalsIgnoreCase(severity.name()));
        boolean t = ch.teams().contains("*") || ch.teams().contains(team);
        return sev && t;
    }

    /** An action on an external system (WMS, coupons), durable and retried like a notification. */
    public Uni<Void> action(UUID alertId, String system, String action, Map<String, String> args) {
        Instant now = Times.now();
        Dispatch d = dispatch(alertId, system, Dispatch.ACTION, action, null, toJson(args), now);
        d.nextAttemptAt = now;
        d.groupKey = "action:" + d.id;
        return dispatches.persist(d).replaceWithVoid();
    }

    private Dispatch dispatch(UUID alertId, String channel, String kind, String action, String groupKey, String payload,
            Instant now) {
        Dispatch d = new Dispatch();
        d.id = UUID.randomUUID();
        d.alertId = alertId;
        d.channel = channel;
        d.kind = kind;
        d.action = action;
        d.groupKey = groupKey;
        d.payload = payload;
        d.attempts = 0;
        d.nextAttemptAt = now.plus(config.dispatch().groupWait());
        d.createdAt = now;
        return d;
    }

    private Uni<Void> persistAll(List<Dispatch> out) {
        return out.isEmpty() ? Uni.createFrom().voidItem() : dispatches.persist(out);
    }

    private Uni<List<Silence>> activeSilences(Instant now) {
        return silences.list("startsAt <= ?1 and endsAt > ?1", now);
    }

    private Uni<Void> event(Alert a, String type, Instant now) {
        String key = a.globalOrderId != null ? a.globalOrderId : a.dedupeKey;
        return outbox.add(Topics.ALERTS, type, key, key, new AlertChanged(a.id.toString(), a.dedupeKey, a.kind,
                a.severity.name(), a.tier, a.globalOrderId, a.summary, now), now).replaceWithVoid();
    }

    public Map<String, String> labels(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<TreeMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String toJson(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
