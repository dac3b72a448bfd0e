package io.orderhub.reconciliation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.reconciliation.domain.Discrepancy;
import io.orderhub.reconciliation.repository.DiscrepancyRepository;
import io.orderhub.reconciliation.rest.DiscrepancyPage;
import io.orderhub.reconciliation.rest.DiscrepancyView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Finding, reading and resolving discrepancies. */
@ApplicationScoped
public class DiscrepancyService {
    @Inject
    DiscrepancyRepository repository;
    @Inject
    ObjectMapper mapper;

    /** What to list; null fields do not filter. {@code status}: open, resolved or all. */
    public record Filter(String channel, String rule, String grayState, String orderKey, String status, Instant from, Instant to) {
    }

    @WithSession
    public Uni<DiscrepancyPage> search(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.channel() != null) {
            where.append(" and channel = :channel");
            params.put("channel", f.channel());
        }
        if (f.rule() != null) {
            where.append(" and rule = :rule");
            params.put("rule", f.rule());
        }
        if (f.grayState() != null) {
            where.append(" and grayState = :grayState");
            params.put("grayState", f.grayState());
        }
        if (f.orderKey() != null) {
            where.append(" and (orderKey = :order or globalOrderId = :order or channelOrderId = :order)");
            params.put("order", f.orderKey());
        }
        if ("open".equals(f.status())) {
            where.append(" and resolvedAt is null");
        } else if ("resolved".equals(f.status())) {
            where.append(" and resolvedAt is not null");
        }
        if (f.from() != null) {
            where.append(" and foundAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and foundAt < :to");
            params.put("to", f.to());
        }
        String query = where.toString();
        Instant now = Instant.now();
        return repository.find(query, Sort.descending("foundAt").and("id"), params).page(Page.of(page, size)).list()
                .chain(list -> repository.count(query, params).map(total -> new DiscrepancyPage(
                        list.stream().map(d -> DiscrepancyView.of(d, mapper, now)).toList(), page, size, total,
                        (int) ((total + size - 1) / size))));
    }

    @WithSession
    public Uni<DiscrepancyView> get(UUID id) {
        return existing(id).map(d -> DiscrepancyView.of(d, mapper, Instant.now()));
    }

    /**
     * A person resolves a discrepancy with a note. While the facts stay the same (same signature) later runs do not
     * reopen it; if they change, a new discrepancy is opened.
     */
    @WithTransaction
    public Uni<DiscrepancyView> resolve(UUID id, String note, String who) {
        return existing(id).map(d -> {
            if (!d.open()) {
                throw ProblemException.conflict("discrepancy " + id + " was already resolved at " + d.resolvedAt + " by "
                        + d.resolvedBy + " (" + d.resolutionNote + "); nothing to do")
                        .with("resolvedAt", d.resolvedAt.toString()).with("resolvedBy", d.resolvedBy);
            }
            Instant now = Instant.now();
            d.resolvedAt = now;
            d.resolvedBy = "user:" + who;
            d.resolutionNote = note.strip();
            return DiscrepancyView.of(d, mapper, now);
        });
    }

    private Uni<Discrepancy> existing(UUID id) {
        return repository.findById(id).map(d -> {
            if (d == null) {
                throw ProblemException.notFound("no discrepancy " + id + "; GET /discrepancies lists them");
            }
            return d;
        });
    }
}
