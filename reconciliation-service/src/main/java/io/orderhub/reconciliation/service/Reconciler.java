package io.orderhub.reconciliation.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderhub.reconciliation.client.CarrierClient;
import io.orderhub.reconciliation.client.ChannelSource;
import io.orderhub.reconciliation.client.ErpClient;
import io.orderhub.reconciliation.config.ReconConfig;
import io.orderhub.reconciliation.domain.Coverage;
import io.orderhub.reconciliation.domain.Evaluation;
import io.orderhub.reconciliation.domain.Outcome;
import io.orderhub.reconciliation.domain.ReconRun;
import io.orderhub.reconciliation.domain.RuleEngine;
import io.orderhub.reconciliation.repository.ReconOrderStore;
import io.orderhub.reconciliation.repository.ReconRunRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One reconciliation run, start to end, on the caller's (worker) thread:
 * <ol>
 *   <li>pull the ERP's sales orders changed since the last run (pages read last-to-first, so an order that changes
 *       during the pull can shift pages without being skipped), each page written as it arrives;</li>
 *   <li>pull every configured platform shop the same way (cursor pages);</li>
 *   <li>move rows filed under channel ids onto the global id once the hub or the ERP links them;</li>
 *   <li>ask the carrier about every waybill not yet signed for (batches, a few in flight);</li>
 *   <li>compare every order marked for a check, a page at a time: rules → discrepancies and events → bookkeeping;</li>
 *   <li>recompute the deviation figures of the channel+hours it touched.</li>
 * </ol>
 * Memory holds at most one page per step. A source that cannot be reached makes the run PARTIAL: its watermark stays,
 * and the rules that need it decide nothing this time.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    static final String ERP = "erp";
    static final String CARRIER = "carrier";

    @Inject
    ReconOrderStore store;
    @Inject
    ErpClient erp;
    @Inject
    CarrierClient carrier;
    @Inject
    Instance<ChannelSource> channelSources;
    @Inject
    DiscrepancyWriter writer;
    @Inject
    DeviationService deviation;
    @Inject
    ReconRunRepository runs;
    @Inject
    ReconConfig config;
    @Inject
    MeterRegistry registry;

    RuleEngine engine;

    @PostConstruct
    void init() {
        engine = new RuleEngine(new RuleEngine.Settings(config.auditGap(), config.syncLag(), config.settleTime(), config.pickupGrace()));
    }

    /** What one run learns as it goes. */
    static final class State {
        final ReconRun run;
        final Map<String, String> unavailable = new LinkedHashMap<>();
        final Map<String, Coverage.PlatformCoverage> platforms = new LinkedHashMap<>();
        boolean erpAvailable;
        Instant erpFrom;
        boolean carrierAvailable;
        final Set<ReconOrderStore.Hour> touched = new LinkedHashSet<>();

        State(ReconRun run) {
            this.run = run;
        }

        void page(int rows) {
            run.pages++;
            run.maxPageRows = Math.max(run.maxPageRows, rows);
        }
    }

    public ReconRun run(UUID id, String trigger) {
        Instant started = Instant.now();
        ReconRun run = new ReconRun();
        run.id = id;
        run.trigger = trigger;
        run.status = ReconRun.RUNNING;
        run.startedAt = started;
        await(() -> Panache.withTransaction(() -> runs.persist(run)).replaceWithVoid());
        State st = new State(run);
        Timer.Sample timer = Timer.start(registry);
        try {
            Instant until = started.truncatedTo(ChronoUnit.SECONDS);
            if (config.erp().enabled()) {
                pullErp(st, until);
            }
            for (ChannelSource source : channelSources) {
                if (source.enabled()) {
                    pullPlatform(st, source, until);
                }
            }
            link(st);
            if (config.carrier().enabled()) {
                refreshCarrier(st);
            }
            compare(st);
            await(() -> deviation.recompute(st.touched, Instant.now()).replaceWithVoid());
            run.status = st.unavailable.isEmpty() ? ReconRun.SUCCEEDED : ReconRun.PARTIAL;
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                LOG.infof("reconciliation run %s stopped: the service is shutting down", id);
                throw e;
            }
            LOG.errorf(e, "reconciliation run %s failed", id);
            run.status = ReconRun.FAILED;
            run.error = String.valueOf(e.getMessage());
        }
        run.unavailable = st.unavailable.isEmpty() ? null : String.join("; ", st.unavailable.values());
        run.finishedAt = Instant.now();
        timer.stop(registry.timer("orderhub.reconciliation.run.duration", "status", run.status));
        await(() -> Panache.withTransaction(() -> runs.findById(id).invoke(saved -> copy(run, saved))).replaceWithVoid());
        LOG.infof("reconciliation run %s (%s) %s in %d ms: ERP %d, platform %d, carrier %d rows changed; %d checked, %d consistent, "
                        + "%d deviating, %d settling; %d found, %d resolved%s", id, trigger, run.status,
                Duration.between(started, run.finishedAt).toMillis(), run.erpRows, run.platformRows, run.carrierRows, run.checked,
                run.consistent, run.deviating, run.settling, run.found, run.resolved,
                run.unavailable == null ? "" : "; unavailable: " + run.unavailable);
        return run;
    }

    // ------------------------------------------------------------------------------------------ ERP

    private void pullErp(State st, Instant until) {
        ReconOrderStore.Watermark wm = await(() -> store.watermark(ERP));
        Instant from = wm == null ? until.minus(config.lookback()) : wm.pulledUntil().minus(config.overlap());
        Instant coveredFrom = wm == null ? from : wm.coveredFrom();
        int size = config.erp().pageSize();
        try {
            ErpClient.ErpPage probe = await(() -> erp.page(from, until, 0, 1));
            if (probe.unavailable() != null) {
                st.unavailable.put(ERP, probe.unavailable());
                st.erpFrom = coveredFrom;
                return;
            }
            int pages = (probe.totalCount() + size - 1) / size;
            // last page first: an order modified meanwhile leaves the window and shifts later rows back, onto pages already read
            int p = pages - 1;
            ErpClient.ErpPage page = p < 0 ? null : await(() -> erp.page(from, until, pages - 1, size));
            while (page != null) {
                if (page.unavailable() != null) {
                    st.unavailable.put(ERP, page.unavailable());
                    st.erpFrom = coveredFrom;
                    return;
                }
                ErpClient.ErpPage current = page;
                int next = --p;
                st.page(current.trades().size());
                if (next >= 0) {
                    var both = await(() -> Uni.combine().all().unis(store.upsertErp(current.trades()), erp.page(from, until, next, size)).asTuple());
                    st.run.erpRows += both.getItem1();
                    page = both.getItem2();
                } else {
                    st.run.erpRows += await(() -> store.upsertErp(current.trades()));
                    page = null;
                }
            }
            await(() -> store.saveWatermark(new ReconOrderStore.Watermark(ERP, coveredFrom, until)));
            st.erpAvailable = true;
            st.erpFrom = coveredFrom;
        } catch (RuntimeException e) {
            st.unavailable.put(ERP, "ERP pull failed: " + e.getMessage());
            st.erpFrom = coveredFrom;
        }
    }

    // ------------------------------------------------------------------------------------------ platforms

    private void pullPlatform(State st, ChannelSource source, Instant until) {
        boolean available = true;
        Instant from = null;
        Instant to = null;
        for (String shop : source.shops()) {
            String name = "platform:" + source.channel() + ":" + shop;
            ReconOrderStore.Watermark wm = await(() -> store.watermark(name));
            Instant start = wm == null ? until.minus(config.lookback()) : wm.pulledUntil().minus(config.overlap());
            Instant coveredFrom = wm == null ? start : wm.coveredFrom();
            from = from == null || coveredFrom.isAfter(from) ? coveredFrom : from;
            try {
                ChannelSource.PlatformPage page = await(() -> source.page(shop, start, until, null));
                while (page != null) {
                    if (page.unavailable() != null) {
                        st.unavailable.put(name, page.unavailable());
                        available = false;
                        break;
                    }
                    ChannelSource.PlatformPage current = page;
                    st.page(current.orders().size());
                    if (current.nextCursor() != null) {
                        var both = await(() -> Uni.combine().all().unis(store.upsertPlatform(source.channel(), shop, current.orders()),
                                source.page(shop, start, until, current.nextCursor())).asTuple());
                        st.run.platformRows += both.getItem1();
                        page = both.getItem2();
                    } else {
                        st.run.platformRows += await(() -> store.upsertPlatform(source.channel(), shop, current.orders()));
                        page = null;
                    }
                }
                if (available) {
                    await(() -> store.saveWatermark(new ReconOrderStore.Watermark(name, coveredFrom, until)));
                    to = until;
                }
            } catch (RuntimeException e) {
                st.unavailable.put(name, source.channel() + " shop " + shop + " pull failed: " + e.getMessage());
                available = false;
            }
        }
        st.platforms.put(source.channel(), new Coverage.PlatformCoverage(available, new TreeSet<>(source.shops()), from, to));
    }

    // ------------------------------------------------------------------------------------------ linking

    private void link(State st) {
        int size = config.pageSize();
        for (int round = 0; round < 10_000; round++) {
            List<ReconOrderStore.Link> links = await(() -> store.unlinked(size));
            if (links.isEmpty()) {
                return;
            }
            st.run.resolved += await(() -> store.link(links, Instant.now()));
            if (links.size() < size) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ carrier

    private void refreshCarrier(State st) {
        int batch = Math.max(1, config.carrier().batchSize());
        Instant refreshBefore = Instant.now().minus(config.carrier().refresh());
        String after = "";
        try {
            while (true) {
                String cursor = after;
                List<ReconOrderStore.CarrierDue> due = await(() -> store.carrierDue(cursor, config.pageSize(), refreshBefore));
                if (due.isEmpty()) {
                    break;
                }
                after = due.get(due.size() - 1).orderKey();
                st.page(due.size());
                List<String> numbers = new ArrayList<>(new LinkedHashSet<>(due.stream().map(ReconOrderStore.CarrierDue::trackingNumber).toList()));
                List<List<String>> batches = new ArrayList<>();
                for (int i = 0; i < numbers.size(); i += batch) {
                    batches.add(numbers.subList(i, Math.min(numbers.size(), i + batch)));
                }
                List<CarrierClient.CarrierAnswer> answers = await(() -> Multi.createFrom().iterable(batches)
                        .onItem().transformToUni(b -> carrier.routes(b)).merge(Math.max(1, config.carrier().concurrency()))
                        .collect().asList());
                Map<String, CarrierClient.Waybill> waybills = new LinkedHashMap<>();
                for (CarrierClient.CarrierAnswer a : answers) {
                    if (a.unavailable() != null) {
                        st.unavailable.put(CARRIER, a.unavailable());
                        return;
                    }
                    waybills.putAll(a.waybills());
                }
                Instant now = Instant.now();
                List<ReconOrderStore.CarrierRow> rows = new ArrayList<>();
                for (ReconOrderStore.CarrierDue d : due) {
                    CarrierClient.Waybill w = waybills.get(d.trackingNumber());
                    if (w == null) {
                        continue;
                    }
                    CarrierClient.Route signed = w.signed();
                    CarrierClient.Route last = w.last();
                    rows.add(new ReconOrderStore.CarrierRow(d.orderKey(), d.trackingNumber(), now, w.known(), w.firstPickupAt(),
                            signed == null ? null : signed.at(), w.signedBy(), last == null ? null : last.remark(),
                            last == null ? null : last.at()));
                }
                st.run.carrierRows += await(() -> store.upsertCarrier(rows));
                if (due.size() < config.pageSize()) {
                    break;
                }
            }
            st.carrierAvailable = true;
        } catch (RuntimeException e) {
            st.unavailable.put(CARRIER, "carrier refresh failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ comparison

    private void compare(State st) {
        Coverage coverage = new Coverage(Map.copyOf(st.platforms), st.erpAvailable, st.erpFrom, st.carrierAvailable);
        String after = "";
        while (true) {
            String cursor = after;
            List<ReconOrderStore.Check> page = await(() -> store.checkPage(cursor, config.pageSize()));
            if (page.isEmpty()) {
                return;
            }
            after = page.get(page.size() - 1).facts().orderKey();
            st.page(page.size());
            Instant now = Instant.now();
            List<DiscrepancyWriter.OrderResult> results = new ArrayList<>(page.size());
            for (ReconOrderStore.Check c : page) {
                Evaluation e = engine.evaluate(c.facts(), coverage, now);
                results.add(new DiscrepancyWriter.OrderResult(c.facts(), c.changeSeq(), e));
                Instant ref = c.facts().referenceTime();
                if (c.facts().channel() != null && ref != null) {
                    st.touched.add(new ReconOrderStore.Hour(c.facts().channel(), ref.truncatedTo(ChronoUnit.HOURS)));
                }
            }
            DiscrepancyWriter.PageOutcome outcome = await(() -> writer.apply(st.run.id, now, results));
            await(() -> store.markChecked(outcome.checked(), now));
            st.run.checked += page.size();
            st.run.consistent += outcome.outcomes().getOrDefault(Outcome.CONSISTENT, 0);
            st.run.deviating += outcome.outcomes().getOrDefault(Outcome.DEVIATING, 0);
            st.run.settling += outcome.outcomes().getOrDefault(Outcome.SETTLING, 0);
            st.run.found += outcome.found();
            st.run.resolved += outcome.resolved();
            if (page.size() < config.pageSize()) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private static void copy(ReconRun from, ReconRun to) {
        to.status = from.status;
        to.finishedAt = from.finishedAt;
        to.platformRows = from.platformRows;
        to.erpRows = from.erpRows;
        to.carrierRows = from.carrierRows;
        to.checked = from.checked;
        to.consistent = from.consistent;
        to.deviating = from.deviating;
        to.settling = from.settling;
        to.found = from.found;
        to.resolved = from.resolved;
        to.pages = from.pages;
        to.maxPageRows = from.maxPageRows;
        to.unavailable = from.unavailable;
        to.error = from.error;
    }

    /** Runs reactive work on a Vert.x context and waits for it: this class runs on its own worker thread. */
    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t.getMessage(), t);
        }
    }
}
