package io.orderhub.reconciliation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.contract.payload.ReconciliationFinding;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.outbox.OutboxEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.orderhub.kit.sql.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.orderhub.reconciliation.domain.Discrepancy;
import io.orderhub.reconciliation.domain.Evaluation;
import io.orderhub.reconciliation.domain.Finding;
import io.orderhub.reconciliation.domain.GrayState;
import io.orderhub.reconciliation.domain.OrderFacts;
import io.orderhub.reconciliation.domain.Outcome;
import io.orderhub.reconciliation.repository.DiscrepancyRepository;
import io.orderhub.reconciliation.repository.ReconOrderStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one page of evaluations into discrepancy changes, in one transaction with their events: a new finding opens
 * a discrepancy and writes {@code DISCREPANCY_FOUND} to the outbox; a finding that is already open refreshes its
 * reason and evidence; an open discrepancy whose rule was decided and no longer finds it is resolved automatically
 * (the time it lived is {@code resolvedAt − foundAt}); one a person resolved stays resolved while its signature
 * (the facts behind it) is the same.
 */
@ApplicationScoped
public class DiscrepancyWriter {
    @Inject
    DiscrepancyRepository repository;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    /** One order's evaluation, with the {@code change_seq} its facts were read at. */
    public record OrderResult(OrderFacts facts, long changeSeq, Evaluation evaluation) {
    }

    /** What a page changed, and each order's outcome for the bookkeeping. */
    public record PageOutcome(List<ReconOrderStore.Checked> checked, int found, int resolved, Map<Outcome, Integer> outcomes) {
    }

    public Uni<PageOutcome> apply(UUID runId, Instant now, List<OrderResult> results) {
        if (results.isEmpty()) {
            return Uni.createFrom().item(new PageOutcome(List.of(), 0, 0, Map.of()));
        }
        List<String> keys = results.stream().map(r -> r.facts().orderKey()).toList();
        return Panache.withTransaction(() -> repository.openOrResolvedByPeople(keys).chain(existing -> {
            Map<String, Map<String, Discrepancy>> open = new HashMap<>();
            Set<String> accepted = new HashSet<>();
            for (Discrepancy d : existing) {
                if (d.open()) {
                    open.computeIfAbsent(d.orderKey, k -> new HashMap<>()).put(d.rule, d);
                } else {
                    accepted.add(d.orderKey + "|" + d.rule + "|" + d.signature);
                }
            }
            List<Discrepancy> created = new ArrayList<>();
            List<ReconOrderStore.Checked> checked = new ArrayList<>();
            Map<Outcome, Integer> outcomes = new HashMap<>();
            int resolved = 0;
            for (OrderResult r : results) {
                OrderFacts f = r.facts();
                List<Discrepancy> stillOpen = new ArrayList<>();
                Set<String> matched = new HashSet<>();
                Map<String, Discrepancy> openHere = open.getOrDefault(f.orderKey(), Map.of());
                for (Finding finding : r.evaluation().findings()) {
                    String k = f.orderKey() + "|" + finding.rule();
                    matched.add(finding.rule());
                    Discrepancy d = openHere.get(finding.rule());
                    if (d != null) {
                        refresh(d, f, finding, now);
                        stillOpen.add(d);
                    } else if (!accepted.contains(k + "|" + finding.signature())) {
                        d = create(runId, f, finding, now);
                        created.add(d);
                        stillOpen.add(d);
                    }
                }
                for (Discrepancy d : openHere.values()) {
                    if (matched.contains(d.rule)) {
                        continue;
                    }
                    if (r.evaluation().evaluated().contains(d.rule)) {
                        d.resolvedAt = now;
                        d.resolvedBy = "auto";
                        d.lastSeenAt = now;
                        d.resolutionNote = "no longer found by run " + runId + " after " + human(d.lived(now)) + ": the sources agree now";
                        resolved++;
                    } else {
                        stillOpen.add(d); // its source was unavailable or the facts are settling: undecided, left open
                    }
                }
                Outcome outcome = stillOpen.isEmpty() ? Outcome.CONSISTENT
                        : stillOpen.stream().allMatch(d -> GrayState.SYNC_LAG.name().equals(d.grayState)) ? Outcome.SETTLING
                        : Outcome.DEVIATING;
                outcomes.merge(outcome, 1, Integer::sum);
                boolean undecided = stillOpen.stream().anyMatch(d -> !r.evaluation().evaluated().contains(d.rule));
                checked.add(new ReconOrderStore.Checked(f.orderKey(), f.channel(), r.changeSeq(), outcome.name(), stillOpen.size(),
                        f.referenceTime(), r.evaluation().recheck() || undecided));
            }
            int resolvedCount = resolved;
            return persistWithEvents(created)
                    .invoke(() -> created.forEach(d -> registry.counter("orderhub.reconciliation.discrepancies.found", "rule", d.rule).increment()))
                    .map(x -> new PageOutcome(checked, created.size(), resolvedCount, outcomes));
        }));
    }

    /**
     * The new discrepancies and their {@code DISCREPANCY_FOUND} events, persisted together and flushed once (in
     * batches), then one {@code pg_notify} that wakes the relay at commit. {@link Outbox#add} flushes and notifies per
     * event, which cost a flush of the whole page per discrepancy (4,000 of them in the benchmark); the rows written
     * here are the ones it writes. (Once kit's {@code Outbox.withTransaction} is released, this can go back to it.)
     */
    private Uni<Void> persistWithEvents(List<Discrepancy> created) {
        if (created.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> rows = new ArrayList<>(created);
        String traceparent = traceparent();
        for (Discrepancy d : created) {
            OutboxEvent e = new OutboxEvent();
            e.id = UUID.randomUUID();
            e.topic = Topics.RECONCILIATION;
            e.type = EventTypes.DISCREPANCY_FOUND;
            e.messageKey = d.orderKey;
            e.subject = d.orderKey;
            e.source = serviceName;
            e.occurredAt = d.foundAt;
            e.payload = json(new ReconciliationFinding(d.globalOrderId, d.channel, d.rule, d.reason, null, d.foundAt));
            e.traceparent = traceparent;
            rows.add(e);
        }
        return Panache.getSession().chain(s -> s.persistAll(rows.toArray())
                .chain(() -> Sql.value("select cast(pg_notify('" + Outbox.NOTIFY_CHANNEL + "', '') as text)")))
                .replaceWithVoid();
    }

    private static String traceparent() {
        SpanContext ctx = Span.current().getSpanContext();
        return ctx.isValid() ? "00-" + ctx.getTraceId() + "-" + ctx.getSpanId() + "-" + ctx.getTraceFlags().asHex() : null;
    }

    private Discrepancy create(UUID runId, OrderFacts f, Finding finding, Instant now) {
        Discrepancy d = new Discrepancy();
        d.id = UUID.randomUUID();
        d.orderKey = f.orderKey();
        d.globalOrderId = f.globalOrderId();
        d.foundAt = now;
        d.runId = runId;
        refresh(d, f, finding, now);
        return d;
    }

    /** Writes what the finding says now; an unchanged discrepancy is not touched (no write per run while it stays open). */
    private void refresh(Discrepancy d, OrderFacts f, Finding finding, Instant now) {
        String gray = finding.grayState() == null ? null : finding.grayState().name();
        String evidence = json(finding.evidence());
        boolean same = Objects.equals(d.globalOrderId, f.globalOrderId()) && Objects.equals(d.channel, f.channel())
                && Objects.equals(d.shop, f.shop()) && Objects.equals(d.channelOrderId, f.channelOrderId())
                && Objects.equals(d.rule, finding.rule()) && Objects.equals(d.grayState, gray)
                && Objects.equals(d.reason, finding.reason()) && Objects.equals(d.evidence, evidence)
                && Objects.equals(d.signature, finding.signature());
        if (same) {
            return;
        }
        d.globalOrderId = f.globalOrderId();
        d.channel = f.channel();
        d.shop = f.shop();
        d.channelOrderId = f.channelOrderId();
        d.rule = finding.rule();
        d.grayState = gray;
        d.reason = finding.reason();
        d.evidence = evidence;
        d.signature = finding.signature();
        d.lastSeenAt = now;
    }

    private String json(Object evidence) {
        try {
            return mapper.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    static String human(java.time.Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172_800) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " days";
    }
}
