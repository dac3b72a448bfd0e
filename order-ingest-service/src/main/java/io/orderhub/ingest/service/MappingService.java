package io.orderhub.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.domain.ChannelMappingDocument;
import io.orderhub.ingest.domain.Channels;
import io.orderhub.ingest.domain.mapping.ChannelMapping;
import io.orderhub.ingest.domain.mapping.InvalidMappingException;
import io.orderhub.ingest.domain.mapping.JsonPaths;
import io.orderhub.ingest.repository.ChannelMappingRepository;
import io.orderhub.ingest.rest.MappingView;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channel vocabularies: the files under {@code mappings/} are loaded into {@code channel_mapping}
 * at startup (a newer bundled version replaces an older bundled one, never an admin's edit); an admin
 * replaces one with {@code PUT /mappings/{channel}}. Every mapping run reads the stored version, so all
 * replicas apply an edit at once; the parsed form is cached per version.
 */
@ApplicationScoped
public class MappingService {
    private static final Logger LOG = Logger.getLogger(MappingService.class);
    public static final String BUNDLED = "bundled";

    @Inject
    ChannelMappingRepository repository;
    @Inject
    Pool pool;

    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    private record Parsed(int version, ChannelMapping mapping) {
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

    /** The channel's current mapping, or null if none is stored. Call within a session. */
    public Uni<ChannelMapping> current(String channel) {
        return repository.findById(channel).map(doc -> {
            if (doc == null) {
                return null;
            }
            Parsed cached = cache.get(channel);
            if (cached != null && cached.version() == doc.version) {
                return cached.mapping();
            }
            ChannelMapping parsed = parse(doc.document);
            cache.put(channel, new Parsed(doc.version, parsed));
            return parsed;
        });
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

    /** Replaces the channel's mapping after checking it; the version goes up by one. */
    @WithTransaction
    public Uni<MappingView> put(String channel, JsonNode document, String user) {
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
