package io.orderhub.ingest.repository;

import io.orderhub.ingest.domain.RawPayload;
import io.orderhub.ingest.domain.RawStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RawPayloadRepository implements PanacheRepositoryBase<RawPayload, UUID> {

    /**
     * Stores a delivery to be processed later (status RECEIVED, no attempt yet) unless one with the same (channel,
     * shop, delivery id) exists; true if this call stored it. Concurrent identical deliveries wait on the unique index
     * and all but one get false.
     */
    public Uni<Boolean> insertIfNew(RawPayload raw) {
        return insert(raw, false);
    }

    /**
     * Stores a delivery already processed (its final status, ids and error, one attempt) unless one with the same
     * (channel, shop, delivery id) exists; true if this call stored it. The one-transaction path of a fresh order
     * document.
     */
    public Uni<Boolean> insertProcessedIfNew(RawPayload raw) {
        return insert(raw, true);
    }

    private Uni<Boolean> insert(RawPayload raw, boolean processed) {
        RawStatus status = processed ? raw.status : RawStatus.RECEIVED;
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into raw_payload (id, channel, shop, delivery_id, topic, headers, body, body_bytes, received_at, "
                                + "status, error, channel_order_id, global_order_id, processed_at, attempts, source) "
                                + "values (:id, :channel, :shop, :deliveryId, :topic, :headers, :body, :bodyBytes, now(), "
                                + ":status, :error, :orderId, :globalId, case when cast(:processed as boolean) then now() end, "
                                + ":attempts, :source) "
                                + "on conflict (channel, shop, delivery_id) do nothing")
                .setParameter("id", raw.id)
                .setParameter("channel", raw.channel)
                .setParameter("shop", raw.shop)
                .setParameter("deliveryId", raw.deliveryId)
                .setParameter("topic", raw.topic)
                .setParameter("headers", raw.headers)
                .setParameter("body", raw.body)
                .setParameter("bodyBytes", raw.bodyBytes)
                .setParameter("status", status.name())
                .setParameter("error", processed ? raw.error : null)
                .setParameter("orderId", processed ? raw.channelOrderId : null)
                .setParameter("globalId", processed ? raw.globalOrderId : null)
                .setParameter("processed", processed)
                .setParameter("attempts", processed ? 1 : 0)
                .setParameter("source", raw.source.name())
                .executeUpdate())
                .map(count -> count == 1);
    }

    public Uni<RawPayload> byDelivery(String channel, String shop, String deliveryId) {
        return find("channel = ?1 and shop = ?2 and deliveryId = ?3", channel, shop, deliveryId).firstResult();
    }

    /** The row, locked until the end of the transaction: one processor per raw payload at a time. */
    public Uni<RawPayload> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<RawPayload>> quarantined(int page, int size) {
        return find("status", Sort.by("receivedAt").descending().and("id"), RawStatus.QUARANTINED)
                .page(Page.of(page, size)).list();
    }

    public Uni<Long> countQuarantined() {
        return count("status", RawStatus.QUARANTINED);
    }

    /** Deliveries stored but not processed (a crash or a failure after the raw insert). */
    public Uni<List<UUID>> receivedBefore(Instant before, int limit) {
        return find("status = ?1 and receivedAt < ?2", Sort.by("receivedAt"), RawStatus.RECEIVED, before)
                .page(Page.ofSize(limit)).list()
                .map(rows -> rows.stream().map(r -> r.id).toList());
    }
}
