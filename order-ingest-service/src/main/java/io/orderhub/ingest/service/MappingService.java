package io.orderhub.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.config.IngestConfig;
import io.orderhub.ingest.domain.ChannelMappingDocument;
import io.orderhub.ingest.domain.UnknownField;
import io.orderhub.ingest.domain.mapping.UnknownFields;
import io.orderhub.ingest.repository.UnknownFieldRepository;
import io.orderhub.ingest.rest.SuggestionView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.orderhub.ingest.domain.Channels;
import io.orderhub.ingest.domain.mapping.ChannelMapping;
import io.orderhub.ingest.domain.mapping.InvalidMappingException;
import io.orderhub.ingest.domain.mapping.JsonPaths;
import io.orderhub.ingest.repository.ChannelMappingRepository;
import io.orderhub.ingest.rest.MappingView;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channel vocabularies: the files under {@code mappings/} are loaded into {@code channel_mapping}
 * at startup (a newer bundled version replaces an older bundled one, never an admin's edit); an admin
 * replaces one with {@code PUT /mappings/{channel}}. The parsed mapping is cached per channel with its version; the
 * stored version is read again at most every {@code orderhub.ingest.mapping-recheck} (2 s by default), so the webhook
 * path reads nothing for the mapping in between. An edit through this replica's API (PUT, suggestion confirm) drops
 * the cached mapping at once; another replica's edit takes effect here within the recheck interval (there is no
 * cross-replica signal for mappings).
 */
@ApplicationScoped
public class MappingService {
    private static final Logger LOG = Logger.getLogger(MappingService.class);
    public static final String BUNDLED = "bundled";

    @Inject
    ChannelMappingRepository repository;
    @Inject
    Pool pool;
    @Inject
    UnknownFieldRepository unknownFields;
    @Inject
    UnknownFieldCounter counter;
    @Inject
    IngestConfig config;

    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    /** Bumped by every {@link #forget}: a read that started before an edit does not put the old version back. */
    private final java.util.concurrent.atomic.AtomicLong edits = new java.util.concurrent.atomic.AtomicLong();

    /** {@code checkedAtNanos}: when the stored version was last seen equal to {@code version}. */
    private record Parsed(int version, ChannelMapping mapping, long checkedAtNanos) {
    }

    void loadBundled(@Observes @Priority(10) StartupEvent ignored) {
        for (String channel : Channels.ALL) {
            String document = bundled(channel);
            if (document == null) {
                continue;
            }
            JsonNode tree;
            try {
                tree = JsonPaths.PAYLOADS.readTree(document);
                ChannelMapping.parse(tree);
            } catch (JsonProcessingException | InvalidMappingException e) {
                throw new IllegalStateException("the bundled mapping mappings/" + channel + ".json is invalid: " + e.getMessage(), e);
            }
            int version = tree.path("version").asInt(1);
            pool.preparedQuery("insert into channel_mapping (channel, document, version, updated_by, updated_at) "
                            + "values ($1, $2, $3, $4, now()) on conflict (channel) do update "
                            + "set document = excluded.document, version = excluded.version, updated_at = now() "
                            + "where channel_mapping.updated_by = $4 and channel_mapping.version < excluded.version")
                    .execute(Tuple.of(channel, tree.toString(), version, BUNDLED))
                    .await().indefinitely();
            LOG.debugf("bundled mapping for %s (version %d) loaded", channel, version);
        }
    }

    private static String bundled(String channel) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("mappings/" + channel + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read mappings/" + channel + ".json: " + e.getMessage(), e);
        }
    }

    /**
     * The channel's current mapping, or null if none is stored. Call within a session (nothing is read while the cached
     * version was checked less than {@code orderhub.ingest.mapping-recheck} ago). Otherwise only the stored version is
     * read while the parsed mapping of that version is cached (the document itself, several kilobytes, is read once per
     * version, not with every order).
     */
    public Uni<ChannelMapping> current(String channel) {
        ChannelMapping fresh = cachedIfFresh(channel);
        if (fresh != null) {
            return Uni.createFrom().item(fresh);
        }
        long edit = edits.get();
        Parsed cached = cache.get(channel);
        Uni<Integer> storedVersion = cached == null ? Uni.createFrom().nullItem()
                : Panache.getSession().chain(session -> session.createSelectionQuery(
                                "select m.version from ChannelMappingDocument m where m.channel = :channel", Integer.class)
                        .setParameter("channel", channel)
                        .getSingleResultOrNull());
        return storedVersion.chain(version -> {
            long now = System.nanoTime();
            if (cached != null && version != null && version == cached.version()) {
                remember(channel, new Parsed(cached.version(), cached.mapping(), now), edit);
                return Uni.createFrom().item(cached.mapping());
            }
            return repository.findById(channel).map(doc -> {
                if (doc == null) {
                    cache.remove(channel);
                    return null;
                }
                ChannelMapping parsed = parse(doc.document);
                remember(channel, new Parsed(doc.version, parsed, now), edit);
                return parsed;
            });
        });
    }

    /** The cached mapping if its version was checked within the recheck interval, else null (read it with {@link #current}). */
    public ChannelMapping cachedIfFresh(String channel) {
        Parsed cached = cache.get(channel);
        return cached != null && System.nanoTime() - cached.checkedAtNanos() < config.mappingRecheck().toNanos()
                ? cached.mapping() : null;
    }

    /** Drops the channel's cached mapping: the next mapping run reads the stored one (called after every edit here). */
    public void forget(String channel) {
        edits.incrementAndGet();
        cache.remove(channel);
    }

    private void remember(String channel, Parsed parsed, long editSeenAtStart) {
        if (edits.get() == editSeenAtStart) {
            cache.put(channel, parsed);
        }
    }

    @WithSession
    public Uni<MappingView> get(String channel) {
        requireKnown(channel);
        return repository.findById(channel).map(doc -> {
            if (doc == null) {
                throw ProblemException.notFound("no mapping is stored for channel " + channel
                        + ": PUT /mappings/" + channel + " with a mapping document");
            }
            return view(doc);
        });
    }

    /** Replaces the channel's mapping after checking it; the version goes up by one (and this replica uses it at once). */
    public Uni<MappingView> put(String channel, JsonNode document, String user) {
        return Panache.withTransaction(() -> Uni.createFrom().deferred(() -> replace(channel, document, user)))
                .eventually(() -> forget(channel));
    }

    private Uni<MappingView> replace(String channel, JsonNode document, String user) {
        requireKnown(channel);
        if (document == null || !document.isObject()) {
            throw ProblemException.badRequest("send the mapping as a JSON object (GET /mappings/" + channel + " shows the current one)");
        }
        try {
            ChannelMapping parsed = ChannelMapping.parse(document);
            if (!channel.equals(parsed.channel())) {
                throw new InvalidMappingException("channel: the document names '" + parsed.channel()
                        + "' but the path names '" + channel + "'");
            }
        } catch (InvalidMappingException e) {
            throw ProblemException.unprocessable("the mapping is not usable: " + e.getMessage()).with("channel", channel);
        }
        return repository.findById(channel).chain(existing -> {
            ChannelMappingDocument doc = existing == null ? new ChannelMappingDocument() : existing;
            doc.channel = channel;
            doc.document = document.toString();
            doc.version = existing == null ? 1 : existing.version + 1;
            doc.updatedBy = user == null || user.isBlank() ? "admin" : user;
            doc.updatedAt = Instant.now();
            return (existing == null ? repository.persist(doc) : Uni.createFrom().item(doc))
                    .chain(saved -> repository.flush().replaceWith(saved));
        }).map(this::view);
    }

    // ------------------------------------------------------------------------------ suggestions

    /** The unknown fields of a channel; by default only those with a suggestion still waiting for an admin. */
    public Uni<List<SuggestionView>> suggestions(String channel, boolean all) {
        requireKnown(channel);
        return counter.flush().chain(() -> Panache.withSession(() -> unknownFields.ofChannel(channel)))
                .map(fields -> fields.stream().map(this::suggestion)
                        .filter(v -> all || (v.suggestedType() != null && "OPEN".equals(v.status())))
                        .toList());
    }

    /** Adds the suggested (or the given) fee mapping for the field to the channel's mapping. */
    public Uni<MappingView> confirm(String channel, UUID fieldId, String type, String user) {
        requireKnown(channel);
        return Panache.withTransaction(() -> unknownFields.findById(fieldId).chain(field -> {
            if (field == null || !field.channel.equals(channel)) {
                return Uni.createFrom().failure(ProblemException.notFound("no unknown field " + fieldId + " on " + channel
                        + "; GET /mappings/" + channel + "/suggestions lists them"));
            }
            if (!"OPEN".equals(field.status)) {
                return Uni.createFrom().failure(ProblemException.conflict("field " + field.path + " was already confirmed as "
                        + field.confirmedAs));
            }
            if (field.path.contains("[*]")) {
                return Uni.createFrom().failure(ProblemException.unprocessable("'" + field.path + "' is a per-line field; "
                        + "only order-level fields become fees here — edit the mapping with PUT /mappings/" + channel));
            }
            String feeType = type != null && !type.isBlank() ? type.trim() : suggestion(field).suggestedType();
            if (feeType == null) {
                return Uni.createFrom().failure(ProblemException.unprocessable("nothing is suggested for " + field.path
                        + " yet; confirm it with a body {\"type\": \"CHANNEL_FEE\"} to map it anyway"));
            }
            return repository.findById(channel).chain(doc -> {
                if (doc == null) {
                    return Uni.createFrom().failure(ProblemException.notFound("no mapping is stored for " + channel));
                }
                com.fasterxml.jackson.databind.node.ObjectNode tree;
                try {
                    tree = (com.fasterxml.jackson.databind.node.ObjectNode) JsonPaths.PAYLOADS.readTree(doc.document);
                } catch (JsonProcessingException e) {
                    return Uni.createFrom().failure(new IllegalStateException("stored mapping of " + channel + " is not JSON", e));
                }
                com.fasterxml.jackson.databind.node.ArrayNode fees = tree.withArray("fees");
                fees.addObject().put("path", field.path).put("type", feeType);
                ChannelMapping.parse(tree); // still a usable mapping
                doc.document = tree.toString();
                doc.version++;
                doc.updatedBy = user == null || user.isBlank() ? "admin" : user;
                doc.updatedAt = Instant.now();
                field.status = "CONFIRMED";
                field.confirmedAs = feeType;
                return repository.flush().replaceWith(doc);
            });
        })).eventually(() -> forget(channel)).map(this::view);
    }

    private SuggestionView suggestion(UnknownField f) {
        String type = UnknownFields.suggest(f.occurrences, f.numericSamples, f.smallShareSamples, f.minAmount, f.maxAmount,
                f.minShare, f.maxShare, config.suggestionMinSamples());
        String reason = type == null ? null : "numeric in all " + f.numericSamples + " orders seen, always "
                + percent(f.minShare) + "–" + percent(f.maxShare) + " of the order total and moving with it: map it as a "
                + "channel fee (POST /mappings/" + f.channel + "/suggestions/" + f.id + "/confirm)";
        return new SuggestionView(f.id, f.channel, f.path, f.occurrences, f.sampleValue, type, reason, f.status, f.confirmedAs,
                f.firstSeen, f.lastSeen);
    }

    private static String percent(java.math.BigDecimal share) {
        return share == null ? "?" : share.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + " %";
    }

    private MappingView view(ChannelMappingDocument doc) {
        try {
            return new MappingView(doc.channel, doc.version, doc.updatedBy, doc.updatedAt, JsonPaths.PAYLOADS.readTree(doc.document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored mapping of " + doc.channel + " is not JSON", e);
        }
    }

    private static ChannelMapping parse(String document) {
        try {
            return ChannelMapping.parse(JsonPaths.PAYLOADS.readTree(document));
        } catch (JsonProcessingException e) {
            throw new InvalidMappingException("the stored mapping is not JSON: " + e.getOriginalMessage());
        }
    }

    static void requireKnown(String channel) {
        if (!Channels.ALL.contains(channel)) {
            throw ProblemException.notFound("unknown channel '" + channel + "'; the channels are " + Channels.ALL);
        }
    }
}
