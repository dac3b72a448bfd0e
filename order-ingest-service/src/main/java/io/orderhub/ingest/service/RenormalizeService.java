package io.orderhub.ingest.service;

import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.ingest.domain.ChannelOrder;
import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.domain.mapping.OrderSnapshot;
import io.orderhub.ingest.repository.ChannelOrderRepository;
import io.orderhub.ingest.repository.RawPayloadRepository;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Re-normalizes stored raw payloads with the channel's current mapping, on an admin's request (after confirming a
 * suggestion or editing a mapping): every channel order updated since {@code since} is mapped again from the raw
 * payload it was last published from (newest first, at most {@code limit}) and published again as
 * {@code orderhub.order.ingested.v1} (same
 * {@code channelUpdatedAt}, so consumers apply it as a correction, never as an older update); and the channel's
 * quarantined payloads received since then are replayed.
 */
@ApplicationScoped
public class RenormalizeService {
    public static final int MAX_ORDERS = 1000;

    @Inject
    ChannelOrderRepository orders;
    @Inject
    RawPayloadRepository raws;
    @Inject
    MappingService mappings;
    @Inject
    IngestService ingest;
    @Inject
    Outbox outbox;

    public record Failure(String channelOrderId, String error) {
    }

    public record Result(String channel, Instant since, int orders, int republished, List<Failure> failed, int replayed,
            int stillQuarantined) {
    }

    public Uni<Result> renormalize(String channel, Instant since, int limit) {
        MappingService.requireKnown(channel);
        if (limit < 1 || limit > MAX_ORDERS) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_ORDERS);
        }
        Instant from = since == null ? Instant.EPOCH : since;
        List<Failure> failed = new ArrayList<>();
        int[] republished = {0};
        int[] replayed = {0};
        int[] still = {0};
        return Panache.withSession(() -> orders.find("channel = ?1 and updatedAt >= ?2 and lastRawPayloadId is not null",
                        Sort.by("updatedAt").descending(), channel, from).page(Page.ofSize(limit)).list())
                .chain(found -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ChannelOrder o : found) {
                        chain = chain.chain(() -> republish(o.channel, o.shop, o.channelOrderId)
                                .invoke(error -> {
                                    if (error == null) {
                                        republished[0]++;
                                    } else {
                                        failed.add(new Failure(o.channelOrderId, error));
                                    }
                                }).replaceWithVoid());
                    }
                    return chain.replaceWith(found.size());
                })
                .chain(count -> Panache.withSession(() -> raws.find("channel = ?1 and status = ?2 and receivedAt >= ?3",
                                Sort.by("receivedAt"), channel, RawStatus.QUARANTINED, from).page(Page.ofSize(limit)).list())
                        .chain(quarantined -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (var raw : quarantined) {
                                UUID id = raw.id;
                                chain = chain.chain(() -> ingest.process(id, true).invoke(r -> {
                                    if (r.status() == RawStatus.QUARANTINED) {
                                        still[0]++;
                                    } else {
                                        replayed[0]++;
                                    }
                                }).replaceWithVoid());
                            }
                            return chain;
                        })
                        .map(ignored -> new Result(channel, from, count, republished[0], List.copyOf(failed), replayed[0], still[0])));
    }

    /** Maps the order's last published payload again and publishes it; answers the error, or null when published. */
    private Uni<String> republish(String channel, String shop, String channelOrderId) {
        return Panache.withTransaction(() -> orders.lock(channel, shop, channelOrderId).chain(order -> raws.findById(order.lastRawPayloadId)
                .chain(raw -> mappings.current(channel).chain(mapping -> {
                    OrderSnapshot snapshot;
                    try {
                        snapshot = mapping.map(raw.shop, mapping.document(raw.body.getBytes(StandardCharsets.UTF_8)));
                    } catch (RuntimeException e) {
                        return Uni.createFrom().item(e.getMessage());
                    }
                    order.updatedAt = Instant.now();
                    return outbox.add(Topics.ORDERS_INGESTED, EventTypes.ORDER_INGESTED, order.globalOrderId, order.globalOrderId,
                            snapshot.toEvent(order.globalOrderId, raw.id.toString())).replaceWith((String) null);
                }))));
    }
}
