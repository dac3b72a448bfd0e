package io.orderhub.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.contract.EventTypes;
import io.orderhub.contract.Topics;
import io.orderhub.ingest.config.IngestConfig;
import io.orderhub.ingest.domain.Channels;
import io.orderhub.ingest.domain.Deliveries;
import io.orderhub.ingest.domain.InputProblem;
import io.orderhub.ingest.domain.Notifications;
import io.orderhub.ingest.domain.PayloadSource;
import io.orderhub.ingest.domain.RawPayload;
import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.domain.mapping.ChannelMapping;
import io.orderhub.ingest.domain.mapping.MappingException;
import io.orderhub.ingest.domain.mapping.OrderSnapshot;
import io.orderhub.ingest.domain.mapping.UnknownFields;
import io.orderhub.ingest.domain.signature.Credential;
import io.orderhub.ingest.domain.signature.SignatureVerifier;
import io.orderhub.ingest.domain.signature.Verification;
import io.orderhub.ingest.domain.signature.WebhookRequest;
import io.orderhub.ingest.repository.RawPayloadRepository;
import io.orderhub.kit.outbox.Outbox;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A platform push, from bytes to event:
 * <ol>
 *   <li>the channel's {@link SignatureVerifier} checks the raw bytes with the shop's secret (else 401, nothing stored);</li>
 *   <li>the common case — a fresh delivery of an order document the cached mapping maps — is then stored, given its
 *       global id and published in ONE transaction of three statements ({@link #inOneTransaction}); any other delivery,
 *       and any failure of that transaction, takes steps 3 and 4:</li>
 *   <li>the raw body is stored in its own committed transaction, once per (channel, shop, delivery id);</li>
 *   <li>in a second transaction, with the raw row locked: map it with the channel's mapping (failure →
 *       QUARANTINED with the error), give it its global id, and — only if the channel's {@code updated_at}
 *       is newer than the newest already published — write {@code orderhub.order.ingested.v1} to the outbox.</li>
 * </ol>
 * A crash between 3 and 4 leaves a RECEIVED row that a re-delivery or the sweep job processes later.
 */
@ApplicationScoped
public class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final Set<String> UNSTORED_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    @Inject
    Instance<SignatureVerifier> verifierBeans;
    @Inject
    SigningCredentials signingCredentials;
    @Inject
    RawPayloadRepository raws;
    @Inject
    IdentityService identity;
    @Inject
    MappingService mappings;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry registry;
    @Inject
    IngestConfig config;
    @Inject
    UnknownFieldCounter unknownFields;
    @Inject
    Instance<PullService> pulls;

    private Map<String, SignatureVerifier> verifiers;

    @PostConstruct
    void collectVerifiers() {
        Map<String, SignatureVerifier> byChannel = new TreeMap<>();
        for (SignatureVerifier v : verifierBeans) {
            if (byChannel.put(v.channel(), v) != null) {
                throw new IllegalStateException("two signature verifiers for channel " + v.channel());
            }
        }
        verifiers = java.util.Collections.unmodifiableMap(byChannel); // sorted: error messages list the channels in order
    }

    /**
     * Verifies, stores and processes one push. Refused before anything is stored (the body cannot be
     * authenticated): unknown channel or shop (404), a bad or missing signature (401, or 415/413 when the content
     * type or size is the cause), a signed timestamp outside the window (401). Stored first and then answered
     * by what is wrong: wrong content type (415), too large (413), not JSON (400), not an order or a field missing
     * or of the wrong type (422) — all quarantined and replayable; an unknown status (202, quarantined: the hub's
     * vocabulary must learn it); a thin change notification (202, the order it names is fetched from the platform's
     * detail API).
     */
    public Uni<IngestResult> receive(WebhookRequest request) {
        SignatureVerifier verifier = verifiers.get(request.channel());
        if (verifier == null) {
            count("unknown-channel", "unknown"); // not the path's value: a scan of random paths must not grow the metrics
            return Uni.createFrom().failure(ProblemException.notFound("no webhook is accepted for channel '"
                    + request.channel() + "'; the channels are " + verifiers.keySet()));
        }
        // a shop name no shop can have (NUL, which PostgreSQL refuses in text, or longer than the column) is not looked up
        boolean impossibleShop = request.shop().indexOf('\0') >= 0 || request.shop().length() > 128;
        return (impossibleShop ? Uni.createFrom().<Credential>nullItem() : signingCredentials.of(request.channel(), request.shop()))
                .chain(credential -> {
                    if (credential == null) {
                        count("unknown-shop", request.channel());
                        return Uni.createFrom().failure(ProblemException.notFound("no shop '" + request.shop()
                                + "' is registered on " + request.channel() + ": check the URL (/webhooks/" + request.channel()
                                + "/<shop>), or register the shop (orderhub.ingest.shops.<name>.channel/shop/secret); "
                                + "nothing was stored, since the signature cannot be checked without the shop's secret")
                                .with("channel", request.channel()).with("shop", request.shop()));
                    }
                    String media = Channels.mediaTypeProblem(request.channel(), request.header("Content-Type"));
                    long limit = config.maxBodySize().asLongValue();
                    boolean tooLarge = request.body().length > limit;
                    Verification verdict = verifier.verify(request, credential);
                    if (!verdict.valid()) {
                        if (media != null) {
                            count("unsupported-media-type", request.channel());
                            return Uni.createFrom().failure(new ProblemException(415, "Unsupported Media Type", media
                                    + "; nothing was stored, since the signature could not be verified either (" + verdict.reason() + ")")
                                    .with("channel", request.channel()).with("shop", request.shop()));
                        }
                        if (tooLarge) {
                            count("too-large", request.channel());
                            return Uni.createFrom().failure(new ProblemException(413, "Content Too Large", tooLarge(request, limit)
                                    + "; nothing was stored, since the signature could not be verified either (" + verdict.reason() + ")")
                                    .with("channel", request.channel()).with("shop", request.shop()));
                        }
                        count("rejected", request.channel());
                        return Uni.createFrom().failure(ProblemException.unauthorized(verdict.reason())
                                .with("channel", request.channel()).with("shop", request.shop()));
                    }
                    String stale = outsideWindow(verifier, request);
                    if (stale != null) {
                        count("replay-window", request.channel());
                        return Uni.createFrom().failure(ProblemException.unauthorized(stale)
                                .with("channel", request.channel()).with("shop", request.shop()));
                    }
                    String deliveryId = Deliveries.deliveryId(request);
                    String topic = Deliveries.topic(request);
                    if (media != null) {
                        return storeRefused(request, deliveryId, topic, InputProblem.UNSUPPORTED_MEDIA_TYPE, media);
                    }
                    if (tooLarge) {
                        return storeRefused(request, deliveryId, topic, InputProblem.TOO_LARGE, tooLarge(request, limit));
                    }
                    return ingest(request, deliveryId, topic, PayloadSource.WEBHOOK);
                })
                .invoke(r -> {
                    count(r.duplicate() ? "duplicate" : r.status().name().toLowerCase(), request.channel());
                    if (r.status() == RawStatus.NOTIFICATION && r.handledNow()) {
                        // the notification names one order: fetch that one, not the shop's whole recent window
                        pulls.get().fetchSoon(request.channel(), request.shop(), r.channelOrderId());
                    }
                });
    }

    /**
     * An order document fetched by the pull: stored (once per identical document) and processed exactly like a
     * push — same identity, same stale/duplicate rule, same event.
     */
    public Uni<IngestResult> receivePulled(String channel, String shop, String api, byte[] document) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-orderhub-source", "pull");
        headers.put("x-orderhub-api", api);
        WebhookRequest request = new WebhookRequest(channel, shop, headers, Map.of(), document);
        String deliveryId = "pull:" + Deliveries.sha256Of(document);
        return inTwoSteps(request, deliveryId, "pull:" + api, PayloadSource.PULL)
                .invoke(r -> registry.counter("orderhub.ingest.pulled", "channel", channel,
                        "outcome", r.duplicate() ? "duplicate" : r.status().name().toLowerCase()).increment());
    }

    private static String tooLarge(WebhookRequest request, long limit) {
        return "the body has " + request.body().length + " bytes, more than the " + limit + " accepted "
                + "(orderhub.ingest.max-body-size): send one order per push";
    }

    private String outsideWindow(SignatureVerifier verifier, WebhookRequest request) {
        Duration window = verifier.timestampWindow(config.timestampWindow());
        if (window.isZero() || window.isNegative()) {
            return null;
        }
        return verifier.signedTimestamp(request)
                .filter(signed -> Duration.between(signed, Instant.now()).abs().compareTo(window) > 0)
                .map(signed -> "the signed timestamp (" + signed + ") is more than " + window
                        + " away from now: sign each request when you send it (replayed requests are refused)")
                .orElse(null);
    }

    private record Stored(UUID id, boolean fresh) {
    }

    private RawPayload raw(WebhookRequest request, String deliveryId, String topic, PayloadSource source) {
        RawPayload raw = new RawPayload();
        raw.id = UUID.randomUUID();
        raw.channel = storable(request.channel(), 32);
        raw.shop = storable(request.shop(), 128);
        raw.deliveryId = storable(deliveryId, 200);
        raw.topic = topic == null ? null : storable(topic, 200);
        raw.headers = headersJson(request);
        String text = new String(request.body(), StandardCharsets.UTF_8);
        boolean lossy = text.indexOf('\0') >= 0 || !validUtf8(request.body());
        raw.body = lossy ? text.replace('\0', '\uFFFD') : text;
        raw.bodyBytes = lossy ? request.body() : null;
        raw.source = source;
        return raw;
    }

    /**
     * A fresh delivery of an order document the channel's mapping maps: {@link #inOneTransaction}. Anything else — a
     * re-delivery, a conflicting delivery id, a body the mapping refuses, a notification, no mapping, bytes that are not
     * UTF-8 — and any failure of that transaction: {@link #inTwoSteps}, the body stored first in its own transaction.
     */
    private Uni<IngestResult> ingest(WebhookRequest request, String deliveryId, String topic, PayloadSource source) {
        return inOneTransaction(request, deliveryId, topic, source)
                .chain(done -> done != null ? Uni.createFrom().item(done) : inTwoSteps(request, deliveryId, topic, source));
    }

    /** Stored in its own transaction, then processed in a second one: nothing received is lost to a processing failure. */
    private Uni<IngestResult> inTwoSteps(WebhookRequest request, String deliveryId, String topic, PayloadSource source) {
        return store(request, deliveryId, topic, source)
                .chain(stored -> process(stored.id(), false).map(r -> r.asDelivery(stored.fresh())));
    }

    /** The delivery id was already stored: the one-transaction path rolls back, the two steps answer it as they always did. */
    private static final class AlreadyStored extends RuntimeException {
        AlreadyStored() {
            super("delivery already stored", null, false, false);
        }
    }

    /**
     * The common case in one transaction of three statements: the channel order's identity and newest update
     * ({@link IdentityService#claim}), the raw row inserted with its final status, and the outbox row (an update that is
     * not newer: one read instead of the outbox row). The mapping runs before, on the cached mapping
     * ({@link MappingService#cachedIfFresh}). Null — nothing committed — when the delivery is not that case or the
     * transaction failed for any reason: the caller stores it on its own then.
     */
    private Uni<IngestResult> inOneTransaction(WebhookRequest request, String deliveryId, String topic, PayloadSource source) {
        RawPayload raw = raw(request, deliveryId, topic, source);
        if (raw.bodyBytes != null) {
            return Uni.createFrom().nullItem(); // quarantined as MALFORMED by the two steps
        }
        ChannelMapping cached = mappings.cachedIfFresh(raw.channel);
        Uni<ChannelMapping> current = cached != null ? Uni.createFrom().item(cached)
                : Panache.withSession(() -> mappings.current(raw.channel));
        return current.chain(mapping -> {
            if (mapping == null) {
                return Uni.createFrom().<IngestResult>nullItem();
            }
            JsonNode document;
            OrderSnapshot snapshot;
            try {
                document = mapping.document(raw.body.getBytes(StandardCharsets.UTF_8));
                snapshot = mapping.map(raw.shop, document);
            } catch (RuntimeException e) {
                return Uni.createFrom().<IngestResult>nullItem(); // quarantine or notification: decided by the two steps
            }
            raw.channelOrderId = snapshot.channelOrderId();
            return outbox.withTransaction(() -> identity.claim(raw.channel, raw.shop, snapshot.channelOrderId(),
                            snapshot.channelUpdatedAt(), raw.id)
                    .chain(claim -> {
                        raw.globalOrderId = claim.globalOrderId();
                        raw.attempts = 1;
                        raw.processedAt = Instant.now();
                        if (claim.newest()) {
                            raw.status = RawStatus.PROCESSED;
                            raw.error = null;
                        } else {
                            Instant newest = claim.published();
                            boolean same = snapshot.channelUpdatedAt().equals(newest);
                            raw.status = same ? RawStatus.DUPLICATE : RawStatus.STALE;
                            raw.error = "channel update of " + snapshot.channelUpdatedAt() + (same ? " was already published"
                                    : " is older than the newest already published (" + newest + ")") + "; not published";
                        }
                        return raws.insertProcessedIfNew(raw);
                    })
                    .chain(stored -> {
                        if (!stored) {
                            return Uni.createFrom().failure(new AlreadyStored());
                        }
                        if (raw.status != RawStatus.PROCESSED) {
                            return Uni.createFrom().voidItem();
                        }
                        String globalId = raw.globalOrderId;
                        return outbox.add(Topics.ORDERS_INGESTED, EventTypes.ORDER_INGESTED, globalId, globalId,
                                snapshot.toEvent(globalId, raw.id.toString())).replaceWithVoid();
                    }))
                    .map(ignored -> {
                        countUnknownFields(raw.channel, mapping, document, snapshot);
                        return IngestResult.of(raw, true);
                    });
        }).onFailure().recoverWithItem(e -> {
            if (!(e instanceof AlreadyStored)) {
                LOG.warnf("delivery %s (%s/%s) not ingested in one transaction (%s): storing it first, then processing it",
                        raw.deliveryId, raw.channel, raw.shop, e.toString());
            }
            return null;
        });
    }

    /**
     * Stores the delivery in its own transaction, once per delivery id. The same delivery id with other bytes is not a
     * retry (platforms retry with the same body): the new body is kept under its own key, quarantined as a
     * {@link InputProblem#CONFLICT} (409), and the first one stands.
     */
    private Uni<Stored> store(WebhookRequest request, String deliveryId, String topic, PayloadSource source) {
        RawPayload raw = raw(request, deliveryId, topic, source);
        return Panache.withTransaction(() -> raws.insertIfNew(raw).chain(stored -> {
            if (stored) {
                return raw.bodyBytes == null
                        ? Uni.createFrom().item(new Stored(raw.id, true))
                        : raws.findById(raw.id).invoke(r -> quarantine(r, InputProblem.MALFORMED, "the body is not valid UTF-8 "
                                + "text (or holds NUL bytes); its exact bytes are kept (bodyBase64)")).replaceWith(new Stored(raw.id, true));
            }
            return raws.byDelivery(raw.channel, raw.shop, raw.deliveryId).chain(existing -> existing.body.equals(raw.body)
                            || Channels.resignsRetries(raw.channel)
                    ? Uni.createFrom().item(new Stored(existing.id, false))
                    : storeConflicting(request, raw, existing));
        }));
    }

    private Uni<Stored> storeConflicting(WebhookRequest request, RawPayload first, RawPayload existing) {
        String usedId = first.deliveryId;
        RawPayload raw = raw(request, conflictKey(usedId, request.body()), first.topic, first.source);
        return raws.insertIfNew(raw).chain(stored -> {
            if (!stored) {
                return raws.byDelivery(raw.channel, raw.shop, raw.deliveryId).map(again -> new Stored(again.id, false));
            }
            return raws.findById(raw.id).invoke(r -> {
                r.attempts = 1;
                r.processedAt = Instant.now();
                quarantine(r, InputProblem.CONFLICT, "delivery id " + usedId + " was already used for a different body (raw payload "
                        + existing.id + ", received " + existing.receivedAt + "): a retry must repeat the same bytes, a new delivery "
                        + "needs a new delivery id");
            }).replaceWith(new Stored(raw.id, true));
        });
    }

    /** The key of a body that reused a delivery id: the id and the body's SHA-256 (the same conflicting retry is one row). */
    static String conflictKey(String deliveryId, byte[] body) {
        String suffix = "#sha256:" + Deliveries.sha256Of(body);
        int room = 200 - suffix.length(); // raw_payload.delivery_id is varchar(200)
        return (deliveryId.length() > room ? deliveryId.substring(0, room) : deliveryId) + suffix;
    }

    /** Stores a signed delivery that is refused as it is (content type, size) straight into the quarantine. */
    private Uni<IngestResult> storeRefused(WebhookRequest request, String deliveryId, String topic, InputProblem problem, String error) {
        RawPayload raw = raw(request, deliveryId, topic, PayloadSource.WEBHOOK);
        return Panache.withTransaction(() -> raws.insertIfNew(raw).chain(stored -> {
            if (!stored) {
                return raws.byDelivery(raw.channel, raw.shop, raw.deliveryId).map(existing -> IngestResult.of(existing, false).asDelivery(false));
            }
            return raws.findById(raw.id).map(r -> {
                r.attempts = 1;
                r.processedAt = Instant.now();
                quarantine(r, problem, error);
                return IngestResult.of(r, true);
            });
        }));
    }

    /**
     * Maps a stored payload, in one transaction with its row locked: RECEIVED ones (and QUARANTINED ones
     * when {@code replay}); any other is answered as it stands.
     */
    public Uni<IngestResult> process(UUID rawPayloadId, boolean replay) {
        // the outbox's transaction: the event goes to Kafka right after the commit, without a pg_notify in it
        return outbox.withTransaction(() -> raws.lock(rawPayloadId).chain(raw -> {
            if (raw == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no raw payload " + rawPayloadId));
            }
            boolean due = raw.status == RawStatus.RECEIVED || (replay && raw.status == RawStatus.QUARANTINED);
            if (!due) {
                return Uni.createFrom().item(IngestResult.of(raw, false));
            }
            return handle(raw).map(ignored -> IngestResult.of(raw, true));
        }));
    }

    private Uni<Void> handle(RawPayload raw) {
        raw.attempts++;
        return mappings.current(raw.channel).chain(mapping -> {
            OrderSnapshot snapshot;
            JsonNode document = null;
            try {
                if (mapping == null) {
                    throw new MappingException(MappingException.Kind.UNMAPPED, "no mapping is stored for channel " + raw.channel + ": PUT /mappings/"
                            + raw.channel + ", then replay this payload");
                }
                document = mapping.document(raw.bodyBytes != null ? raw.bodyBytes : raw.body.getBytes(StandardCharsets.UTF_8));
                snapshot = mapping.map(raw.shop, document);
            } catch (MappingException e) {
                if (e.kind() == MappingException.Kind.NOT_AN_ORDER) {
                    java.util.Optional<Notifications.Notification> notification = Notifications.recognize(raw.channel, document);
                    if (notification.isPresent()) {
                        raw.status = RawStatus.NOTIFICATION;
                        raw.problem = null;
                        raw.channelOrderId = notification.get().channelOrderId();
                        raw.processedAt = Instant.now();
                        raw.error = "a " + raw.channel + " change notification (" + notification.get().topic() + ") for order "
                                + notification.get().channelOrderId() + ": it carries no order; the order is fetched from "
                                + raw.channel + "'s detail API";
                        return Uni.createFrom().voidItem();
                    }
                }
                quarantine(raw, switch (e.kind()) {
                    case MALFORMED -> InputProblem.MALFORMED;
                    case UNMAPPED -> InputProblem.UNMAPPED;
                    default -> InputProblem.INVALID;
                }, e.getMessage());
                return Uni.createFrom().voidItem();
            } catch (RuntimeException e) {
                quarantine(raw, InputProblem.INVALID, "mapping failed: " + e);
                return Uni.createFrom().voidItem();
            }
            countUnknownFields(raw.channel, mapping, document, snapshot);
            raw.channelOrderId = snapshot.channelOrderId();
            return identity.assign(raw.channel, raw.shop, snapshot.channelOrderId()).chain(order -> {
                Instant now = Instant.now();
                raw.globalOrderId = order.globalOrderId;
                raw.processedAt = now;
                raw.problem = null;
                Instant newest = order.channelUpdatedAt;
                if (newest != null && !snapshot.channelUpdatedAt().isAfter(newest)) {
                    boolean same = snapshot.channelUpdatedAt().equals(newest);
                    raw.status = same ? RawStatus.DUPLICATE : RawStatus.STALE;
                    raw.error = "channel update of " + snapshot.channelUpdatedAt() + (same ? " was already published"
                            : " is older than the newest already published (" + newest + ")") + "; not published";
                    return Uni.createFrom().voidItem();
                }
                order.channelUpdatedAt = snapshot.channelUpdatedAt();
                order.lastRawPayloadId = raw.id;
                order.updatedAt = now;
                raw.status = RawStatus.PROCESSED;
                raw.error = null;
                String globalId = order.globalOrderId;
                return outbox.add(Topics.ORDERS_INGESTED, EventTypes.ORDER_INGESTED, globalId, globalId,
                        snapshot.toEvent(globalId, raw.id.toString())).replaceWithVoid();
            });
        });
    }

    private void countUnknownFields(String channel, ChannelMapping mapping, JsonNode document, OrderSnapshot snapshot) {
        try {
            unknownFields.record(channel, UnknownFields.observe(mapping, document, snapshot.total().amount()));
        } catch (RuntimeException e) {
            LOG.debugf("unknown fields of a %s document not counted: %s", channel, e);
        }
    }

    private void quarantine(RawPayload raw, InputProblem problem, String error) {
        raw.status = RawStatus.QUARANTINED;
        raw.problem = problem;
        raw.error = error;
        LOG.warnf("raw payload %s (%s/%s, delivery %s) quarantined: %s", raw.id, raw.channel, raw.shop, raw.deliveryId, error);
    }

    private String headersJson(WebhookRequest request) {
        Map<String, String> kept = new TreeMap<>();
        request.headers().forEach((k, v) -> {
            if (!UNSTORED_HEADERS.contains(k)) {
                kept.put(k, v);
            }
        });
        try {
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A path segment or header as a column can hold it: NUL (refused by PostgreSQL in text) as U+FFFD, and an overlong
     * value cut with a digest of the whole, so two different long values stay two keys.
     */
    static String storable(String value, int max) {
        String clean = value.replace('\0', '\uFFFD');
        if (clean.length() <= max) {
            return clean;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(clean.getBytes(StandardCharsets.UTF_8));
            String tail = "~" + java.util.HexFormat.of().formatHex(digest, 0, 8);
            return clean.substring(0, max - tail.length()) + tail;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean validUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void count(String outcome, String channel) {
        registry.counter("orderhub.ingest.webhooks", "channel", channel, "outcome", outcome).increment();
    }
}
