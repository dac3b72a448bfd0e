package io.orderhub.alerting.service;

import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.PackerRoster;
import io.orderhub.alerting.domain.ShipByPolicy;
import io.orderhub.alerting.domain.SkuCategory;
import io.orderhub.alerting.domain.SlaPolicy;
import io.orderhub.alerting.domain.SlaRule;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.PackerRosterRepository;
import io.orderhub.alerting.repository.SkuCategoryRepository;
import io.orderhub.alerting.repository.SlaPolicyRepository;
import io.orderhub.alerting.repository.SlaRuleRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ship-by rules, packers on duty and SKU categories: seeded from configuration at startup until someone
 * changes them over REST; from then on the database holds them across restarts.
 */
@ApplicationScoped
public class SlaPolicyService {
    private static final Logger LOG = Logger.getLogger(SlaPolicyService.class);

    @Inject
    SlaRuleRepository rules;
    @Inject
    PackerRosterRepository packers;
    @Inject
    SkuCategoryRepository categories;
    @Inject
    SlaPolicyRepository policy;
    @Inject
    AlertingConfig config;

    /**
     * How long a read policy is reused. Every paid order needs the policy (three tables); reading it once per
     * order was three statements an order. An edit through this replica's API takes effect at once
     * ({@link #invalidate()} after its commit); another replica's edit within this time.
     */
    @ConfigProperty(name = "orderhub.alerting.sla.policy-cache", defaultValue = "PT2S")
    Duration cacheFor;

    private record Cached(ShipByPolicy policy, long readAtNanos, long generation) {
    }

    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();

    /** The policy as stored (call inside a session); read at most once per {@code orderhub.alerting.sla.policy-cache}. */
    public Uni<ShipByPolicy> current() {
        Cached c = cached.get();
        if (c != null && System.nanoTime() - c.readAtNanos() < cacheFor.toNanos()) {
            return Uni.createFrom().item(c.policy());
        }
        long readAt = System.nanoTime();
        long readIn = generation.get();
        return rules.listAll().chain(r -> packers.listAll().chain(p -> categories.listAll().map(c2 -> {
            Map<String, Integer> roster = new HashMap<>();
            p.forEach(x -> roster.put(x.warehouse, x.packers));
            Map<String, String> cats = new HashMap<>();
            c2.forEach(x -> cats.put(x.skuPrefix, x.category));
            ShipByPolicy read = new ShipByPolicy(r, roster, cats, config.sla().defaultWindow());
            // a read that an invalidation overtook may hold the old policy: it is used once, not kept
            if (generation.get() == readIn) {
                cached.set(new Cached(read, readAt, readIn));
            }
            return read;
        })));
    }

    /** Forgets the cached policy (after an edit's commit, so the next read sees it). */
    public void invalidate() {
        generation.incrementAndGet();
        cached.set(null);
    }

    /** Startup: (re)seed from configuration unless the policy was changed over REST. Inside a transaction. */
    public Uni<Void> seedFromConfig() {
        return policy.findById(SlaPolicy.ID, LockModeType.PESSIMISTIC_WRITE).chain(p -> {
            if ("rest".equals(p.source)) {
                LOG.infof("SLA policy was last set over REST by %s at %s; configuration does not override it", p.updatedBy, p.updatedAt);
                return Uni.createFrom().voidItem();
            }
            List<SlaRule> seeded = new ArrayList<>();
            config.sla().rules().forEach((name, r) -> seeded.add(rule(name, r.position(), r.category().orElse(null),
                    r.warehouse().orElse(null), r.minPackers().orElse(null), r.maxPackers().orElse(null),
                    r.window().toSeconds(), r.exempt())));
            return replace(seeded, config.sla().packersOnDuty(), config.sla().skuCategories(), "config", "configuration");
        });
    }

    /** Replaces the whole policy. Inside a transaction. */
    public Uni<Void> replace(List<SlaRule> newRules, Map<String, Integer> roster, Map<String, String> skuCategories,
            String source, String by) {
        Instant now = Times.now();
        return rules.deleteAll()
                .chain(() -> packers.deleteAll())
                .chain(() -> categories.deleteAll())
                .chain(() -> rules.getSession()).chain(s -> s.flush())
                .chain(() -> newRules.isEmpty() ? Uni.createFrom().voidItem() : rules.persist(newRules))
                .chain(() -> {
                    List<PackerRoster> rows = new ArrayList<>();
                    roster.forEach((w, n) -> {
                        PackerRoster r = new PackerRoster();
                        r.warehouse = w;
                        r.packers = n;
                        r.updatedAt = now;
                        rows.add(r);
                    });
                    return rows.isEmpty() ? Uni.createFrom().voidItem() : packers.persist(rows);
                })
                .chain(() -> {
                    List<SkuCategory> rows = new ArrayList<>();
                    skuCategories.forEach((prefix, cat) -> {
                        SkuCategory c = new SkuCategory();
                        c.skuPrefix = prefix;
                        c.category = cat;
                        rows.add(c);
                    });
                    return rows.isEmpty() ? Uni.createFrom().voidItem() : categories.persist(rows);
                })
                .chain(() -> policy.findById(SlaPolicy.ID, LockModeType.PESSIMISTIC_WRITE))
                .invoke(p -> {
                    p.source = source;
                    p.updatedAt = now;
                    p.updatedBy = by;
                })
                .replaceWithVoid();
    }

    /** Sets the packers on duty in one warehouse. Inside a transaction. */
    public Uni<Void> setPackers(String warehouse, int count, String by) {
        Instant now = Times.now();
        return packers.findById(warehouse, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            Uni<Void> write;
            if (existing == null) {
                PackerRoster r = new PackerRoster();
                r.warehouse = warehouse;
                r.packers = count;
                r.updatedAt = now;
                write = packers.persist(r).replaceWithVoid();
            } else {
                existing.packers = count;
                existing.updatedAt = now;
                write = Uni.createFrom().voidItem();
            }
            return write.chain(() -> policy.findById(SlaPolicy.ID, LockModeType.PESSIMISTIC_WRITE)).invoke(p -> {
                p.source = "rest";
                p.updatedAt = now;
                p.updatedBy = by;
            }).replaceWithVoid();
        });
    }

    public Uni<SlaPolicy> source() {
        return policy.findById(SlaPolicy.ID);
    }

    public static SlaRule rule(String name, int position, String category, String warehouse, Integer minPackers,
            Integer maxPackers, long windowSeconds, boolean exempt) {
        SlaRule r = new SlaRule();
        r.name = name;
        r.position = position;
        r.category = category;
        r.warehouse = warehouse;
        r.minPackers = minPackers;
        r.maxPackers = maxPackers;
        r.windowSeconds = windowSeconds;
        r.exempt = exempt;
        return r;
    }
}
