package io.orderhub.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.client.MarketplaceGateway;
import io.orderhub.ingest.client.OrderPuller;
import io.orderhub.ingest.client.PlatformCall;
import io.orderhub.ingest.client.PlatformErrors;
import io.orderhub.ingest.client.PlatformRefusedException;
import io.orderhub.ingest.client.PlatformResponse;
import io.orderhub.ingest.config.IngestConfig;
import io.orderhub.ingest.domain.Channels;
import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.domain.ShopCredential;
import io.orderhub.ingest.repository.ShopCredentialRepository;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduled pull, the safety net under the webhooks. Per channel + shop a watermark in {@code pull_watermark}:
 * every change up to it has been pulled. A run asks the platform for the orders changed in
 * [watermark − overlap, now] (the first run looks back {@code initial-lookback}), cut into windows the platform
 * accepts, page by page; every order goes through {@link IngestService#receivePulled} — stored raw first, then the
 * same identity, stale/duplicate rule and event as a webhook — and the watermark moves to the end of each window
 * completed. A failed page leaves the watermark where it was (the next run asks again). A lease on the row keeps two
 * replicas, or the schedule and a manual run, from pulling one shop at once.
 */
@ApplicationScoped
public class PullService {
    private static final Logger LOG = Logger.getLogger(PullService.class);

    @Inject
    Pool pool;
    @Inject
    IngestConfig config;
    @Inject
    MarketplaceGateway gateway;
    @Inject
    Instance<OrderPuller> pullerBeans;
    @Inject
    IngestService ingest;
    @Inject
    ShopCredentialRepository credentials;

    private final String owner = "replica-" + UUID.randomUUID();
    private Map<String, OrderPuller> pullers;

    /** The outcome of one run. {@code error} is set when it stopped early; the watermark is then where it got to. */
    public record PullRun(String channel, String shop, Instant from, Instant to, int windows, int fetched, int published,
            int duplicates, int stale, int quarantined, Instant watermark, String error) {
    }

    /** A shop's pull state. */
    public record PullState(String channel, String shop, Instant watermark, Instant lastRunAt, Instant lastSuccessAt,
            String lastError, long runs, long ordersPulled, boolean running) {
    }

    @PostConstruct
    void collect() {
        Map<String, OrderPuller> byChannel = new TreeMap<>();
        for (OrderPuller p : pullerBeans) {
            byChannel.put(p.channel(), p);
        }
        pullers = Map.copyOf(byChannel);
    }

    public Set<String> channels() {
        return pullers.keySet();
    }

    /** Pulls every shop that has an access token, one after another; a failing shop does not stop the others. */
    public Uni<List<PullRun>> pullAll() {
        return Panache.withSession(() -> credentials.find("accessToken is not null").list())
                .chain(shops -> {
                    List<ShopCredential> due = shops.stream().filter(s -> pullers.containsKey(s.channel)).toList();
                    Uni<List<PullRun>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (ShopCredential s : due) {
                        chain = chain.chain(runs -> pull(s.channel, s.shop)
                                .onFailure().recoverWithItem(e -> {
                                    LOG.debugf("pull of %s/%s skipped: %s", s.channel, s.shop, e.getMessage());
                                    return null;
                                })
                                .map(run -> {
                                    if (run != null) {
                                        runs.add(run);
                                    }
                                    return runs;
                                }));
                    }
                    return chain;
                });
    }

    /**
     * Fetches, in the background, the one order a platform's thin change notification names (see {@link #fetch}). If
     * that fails, nothing is lost: the scheduled pull's next window covers the change.
     */
    public void fetchSoon(String channel, String shop, String channelOrderId) {
        fetch(channel, shop, channelOrderId).subscribe().with(
                r -> LOG.debugf("fetched %s/%s order %s after a notification: %s", channel, shop, channelOrderId, r.status()),
                e -> LOG.warnf("fetch of %s/%s order %s after a notification failed (the scheduled pull will catch it): %s",
                        channel, shop, channelOrderId, e.getMessage()));
    }

    /**
     * Fetches one order from its platform's detail API ({@code taobao.trade.fullinfo.get}, {@code jingdong.pop.order.get},
     * {@code pdd.order.information.get}, {@code order.orderDetail}, …) through the guarded client, and ingests the answer
     * like a pulled document: stored raw first, same identity, same stale/duplicate rule, same event. The watermark is
     * not touched (one order says nothing about the others). 404 for an unknown channel or shop, 422 without an access
     * token, 503 when the platform is unavailable or refuses.
     */
    public Uni<IngestResult> fetch(String channel, String shop, String channelOrderId) {
        OrderPuller puller = pullers.get(channel);
        if (puller == null) {
            return Uni.createFrom().failure(ProblemException.notFound("no API client for channel '" + channel + "'; the channels are "
                    + pullers.keySet()));
        }
        Context context = Vertx.currentContext();
        return Panache.withSession(() -> credentials.get(channel, shop)).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no shop '" + shop + "' is registered on " + channel));
            }
            if (credential.accessToken == null || credential.accessToken.isBlank()) {
                return Uni.createFrom().failure(ProblemException.unprocessable("shop '" + shop + "' on " + channel
                        + " has no API access token: set orderhub.ingest.shops.<name>.access-token to fetch its orders"));
            }
            OrderPuller.Shop target = new OrderPuller.Shop(channel, shop, baseUrl(channel, shop), credential.appKey, credential.secret,
                    credential.accessToken, config.pull().pageSize());
            PlatformCall call = puller.fetch(target, channelOrderId);
            if (call == null) {
                return Uni.createFrom().failure(ProblemException.unprocessable(channel + " has no per-order API in the hub"));
            }
            return onContext(gateway.send(call), context).chain(response -> {
                if (!response.available()) {
                    return Uni.createFrom().failure(new ProblemException(503, "Service Unavailable", response.unavailableReason()));
                }
                JsonNode answer;
                try {
                    answer = PlatformErrors.check(call, response.status(), response.body());
                } catch (RuntimeException e) {
                    return Uni.createFrom().failure(new ProblemException(503, "Service Unavailable", e.getMessage()));
                }
                return ingest.receivePulled(channel, shop, call.api(), puller.fetched(answer, response.body()));
            }).onFailure(PlatformRefusedException.class)
                    .transform(e -> new ProblemException(503, "Service Unavailable", e.getMessage()));
        });
    }

    /** One run for one shop; fails with 409 if the shop's pull is running elsewhere, 404 for an unknown channel or shop. */
    public Uni<PullRun> pull(String channel, String shop) {
        OrderPuller puller = pullers.get(channel);
        if (puller == null) {
            return Uni.createFrom().failure(ProblemException.notFound("no pull for channel '" + channel + "'; the channels are "
                    + pullers.keySet()));
        }
        Context context = Vertx.currentContext();
        return Panache.withSession(() -> credentials.get(channel, shop)).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no shop '" + shop + "' is registered on " + channel));
            }
            if (credential.accessToken == null || credential.accessToken.isBlank()) {
                return Uni.createFrom().failure(ProblemException.unprocessable("shop '" + shop + "' on " + channel
                        + " has no API access token: set orderhub.ingest.shops.<name>.access-token to pull it"));
            }
            return lease(channel, shop).chain(leased -> {
                if (leased == null) {
                    return Uni.createFrom().failure(ProblemException.conflict("a pull of " + channel + "/" + shop
                            + " is already running; it ends by itself (or its lease expires after " + config.pull().lease() + ")"));
                }
                OrderPuller.Shop target = new OrderPuller.Shop(channel, shop, baseUrl(channel, shop), credential.appKey, credential.secret,
                        credential.accessToken, config.pull().pageSize());
                return run(puller, target, leased.watermark, context);
            });
        });
    }

    private String baseUrl(String channel, String shop) {
        String url = config.pull().urls().get(channel);
        if (url == null) {
            url = switch (channel) {
                case Channels.SHOPIFY -> "http://localhost:8090/shopify/{shop}";
                case Channels.APP -> "http://localhost:8090/app/{shop}";
                default -> "http://localhost:8090";
            };
        }
        return url.replace("{shop}", shop);
    }

    // ------------------------------------------------------------------------------------------ one run

    private static final class Tally {
        final AtomicInteger fetched = new AtomicInteger();
        final AtomicInteger published = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger stale = new AtomicInteger();
        final AtomicInteger quarantined = new AtomicInteger();
        Instant watermark;
    }

    private Uni<PullRun> run(OrderPuller puller, OrderPuller.Shop shop, Instant watermark, Context context) {
        Instant now = Instant.now();
        Instant from = watermark == null ? now.minus(config.pull().initialLookback()) : watermark.minus(config.pull().overlap());
        List<Instant[]> windows = windows(from, now, puller.maxWindow());
        Tally tally = new Tally();
        tally.watermark = watermark;
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Instant[] w : windows) {
            chain = chain.chain(() -> page(puller, shop, w[0], w[1], puller.firstPage(shop, w[0], w[1]), tally, context))
                    .chain(() -> advance(shop.channel(), shop.shop(), w[1], tally));
        }
        return chain.map(ignored -> (String) null)
                .onFailure().recoverWithItem(e -> e instanceof PlatformRefusedException || e instanceof Unavailable
                        ? e.getMessage() : "pull failed: " + e)
                .chain(error -> release(shop.channel(), shop.shop(), error).map(ignored -> {
                    PullRun run = new PullRun(shop.channel(), shop.shop(), from, now, windows.size(), tally.fetched.get(),
                            tally.published.get(), tally.duplicates.get(), tally.stale.get(), tally.quarantined.get(), tally.watermark, error);
                    if (error != null) {
                        LOG.warnf("pull of %s/%s stopped: %s (watermark stays %s)", shop.channel(), shop.shop(), error, tally.watermark);
                    } else if (tally.fetched.get() > 0) {
                        LOG.infof("pulled %s/%s %s..%s: %d orders, %d published", shop.channel(), shop.shop(), from, now,
                                tally.fetched.get(), tally.published.get());
                    }
                    return run;
                }));
    }

    /** The platform could not be reached (the gateway's fallback); the run stops and keeps its watermark. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private Uni<Void> page(OrderPuller puller, OrderPuller.Shop shop, Instant from, Instant to, PlatformCall call, Tally tally,
            Context context) {
        return onContext(gateway.send(call), context).chain(response -> {
            if (!response.available()) {
                return Uni.createFrom().failure(new Unavailable(response.unavailableReason()));
            }
            JsonNode answer = PlatformErrors.check(call, response.status(), response.body());
            OrderPuller.Page page = puller.page(shop, from, to, call, answer, response);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (JsonNode entry : page.entries()) {
                chain = chain.chain(() -> order(puller, shop, entry, tally, context));
            }
            return page.next() == null ? chain : chain.chain(() -> page(puller, shop, from, to, page.next(), tally, context));
        });
    }

    private Uni<Void> order(OrderPuller puller, OrderPuller.Shop shop, JsonNode entry, Tally tally, Context context) {
        PlatformCall detail = puller.detail(shop, entry);
        Uni<byte[]> document = detail == null
                ? Uni.createFrom().item(puller.document(entry))
                : onContext(gateway.send(detail), context).map(r -> {
                    if (!r.available()) {
                        throw new Unavailable(r.unavailableReason());
                    }
                    PlatformErrors.check(detail, r.status(), r.body());
                    return r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                });
        return document.chain(bytes -> ingest.receivePulled(shop.channel(), shop.shop(), puller.api(), bytes)).invoke(r -> {
            tally.fetched.incrementAndGet();
            if (r.duplicate()) {
                tally.duplicates.incrementAndGet();
            } else if (r.status() == RawStatus.STALE) {
                tally.stale.incrementAndGet();
            } else if (r.status() == RawStatus.QUARANTINED) {
                tally.quarantined.incrementAndGet();
            } else if (r.status() == RawStatus.PROCESSED && r.handledNow()) {
                tally.published.incrementAndGet();
            }
        }).replaceWithVoid();
    }

    /** Back on the caller's Vert.x context after the REST client (the database session must be used from it). */
    private static <T> Uni<T> onContext(Uni<T> uni, Context context) {
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    static List<Instant[]> windows(Instant from, Instant to, Duration max) {
        List<Instant[]> out = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant end = start.plus(max).isBefore(to) ? start.plus(max) : to;
            out.add(new Instant[]{start, end});
            start = end;
        }
        if (out.isEmpty()) {
            out.add(new Instant[]{from, to});
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ watermark rows

    private record Lease(Instant watermark) {
    }

    private Uni<Lease> lease(String channel, String shop) {
        return pool.preparedQuery("insert into pull_watermark (channel, shop) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(channel, shop))
                .chain(() -> pool.preparedQuery("update pull_watermark set lease_owner = $3, "
                                + "lease_until = now() + make_interval(secs => $4), last_run_at = now(), runs = runs + 1 "
                                + "where channel = $1 and shop = $2 and (lease_until is null or lease_until < now()) returning watermark")
                        .execute(Tuple.of(channel, shop, owner, (double) config.pull().lease().toSeconds())))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    OffsetDateTime w = rows.iterator().next().getOffsetDateTime("watermark");
                    return new Lease(w == null ? null : w.toInstant());
                });
    }

    private Uni<Void> advance(String channel, String shop, Instant to, Tally tally) {
        tally.watermark = to;
        return pool.preparedQuery("update pull_watermark set watermark = greatest(coalesce(watermark, $3), $3), "
                        + "orders_pulled = orders_pulled + $4 where channel = $1 and shop = $2 and lease_owner = $5")
                .execute(Tuple.of(channel, shop, OffsetDateTime.ofInstant(to, ZoneOffset.UTC), tally.fetched.get(), owner))
                .replaceWithVoid();
    }

    private Uni<Void> release(String channel, String shop, String error) {
        return pool.preparedQuery("update pull_watermark set lease_owner = null, lease_until = null, last_error = $3, "
                        + "last_success_at = case when $3::text is null then now() else last_success_at end "
                        + "where channel = $1 and shop = $2 and lease_owner = $4")
                .execute(Tuple.of(channel, shop, error, owner))
                .replaceWithVoid();
    }

    public Uni<List<PullState>> states() {
        return pool.query("select channel, shop, watermark, last_run_at, last_success_at, last_error, runs, orders_pulled, "
                        + "(lease_until is not null and lease_until > now()) as running from pull_watermark order by channel, shop")
                .execute()
                .map(rows -> {
                    List<PullState> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new PullState(r.getString("channel"), r.getString("shop"), instant(r, "watermark"),
                                instant(r, "last_run_at"), instant(r, "last_success_at"), r.getString("last_error"),
                                r.getLong("runs"), r.getLong("orders_pulled"), r.getBoolean("running")));
                    }
                    return out;
                });
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
