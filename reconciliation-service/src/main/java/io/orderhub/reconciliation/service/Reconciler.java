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
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One reconciliation run, start to end, on the caller's (worker) thread:
 * <ol>
 *   <li>pull the ERP's sales orders changed since the last run (pages read last-to-first, so an order that changes
 *       during the pull can shift pages without being skipped), each page written as it arrives;</li>
 *   <li>pull every configured platform shop the same way (cursor pages), several shops at once;</li>
 *   <li>move rows filed under channel ids onto the global id once the hub or the ERP links them;</li>
 *   <li>ask the carrier about every waybill not yet signed for (batches, a few in flight);</li>
 *   <li>compare every order marked for a check, a page at a time: rules → discrepancies and events → bookkeeping;</li>
 *   <li>recompute the deviation figures of the channel+hours it touched.</li>
 * </ol>
 * Reading stays sequential where order matters; writing a page overlaps with reading the next (at most
 * {@code write-concurrency} pages being written), so memory holds a handful of pages, never the whole set. A source
 * that cannot be reached makes the run PARTIAL: its watermark stays, and the rules that need it decide nothing.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    static final String ERP = "erp";
    static final String CARRIER = "carrier";
    static final int WRITE_CONCURRENCY = 3;
    static final int SHOP_CONCURRENCY = 4;

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
    private final ExecutorService workers = Executors.newFixedThreadPool(2 * WRITE_CONCURRENCY + SHOP_CONCURRENCY + 2, r -> {
        Thread t = new Thread(r, "reconciliation-io");
        t.setDaemon(true);
        return t;
    });

    @PostConstruct
    void init() {
        engine = new RuleEngine(new RuleEngine.Settings(config.auditGap(), config.syncLag(), config.settleTime(), config.pickupGrace()));
    }

    void stop(@Observes ShutdownEvent ignored) {
        workers.shutdownNow();
    }

    /** What one run learns as it goes (written from several threads: every mutator is synchronized). */
    static final class State {
        final ReconRun run;
        final Map<String, String> unavailable = new LinkedHashMap<>();
        final Map<String, Coverage.PlatformCoverage> platforms = new LinkedHashMap<>();
        boolean erpAvailable;
        Instant erpFrom;
        Instant erpReadAt;
        boolean carrierAvailable;
        final Set<ReconOrderStore.Hour> touched = new LinkedHashSet<>();
        final Map<String, Long> phaseMillis = new LinkedHashMap<>();
        final Map<String, Long> stepMillis = new TreeMap<>();
        final long started = System.nanoTime();
        private long phaseStart = started;

        State(ReconRun run) {
            this.run = run;
        }

        /** Adds the time {@code work} takes (from subscription to its end) under {@code name}; concurrent work adds up. */
        <T> Uni<T> timed(String name, Uni<T> work) {
            long[] start = new long[1];
            return work.onSubscription().invoke(() -> start[0] = System.nanoTime())
                    .onTermination().invoke(() -> step(name, start[0]));
        }

        synchronized void step(String name, long startNanos) {
            stepMillis.merge(name, (System.nanoTime() - startNanos) / 1_000_000, Long::sum);
        }

        synchronized void phase(String name) {
            long now = System.nanoTime();
            phaseMillis.merge(name, (now - phaseStart) / 1_000_000, Long::sum);
            phaseStart = now;
        }

        synchronized void page(int rows) {
            run.pages++;
            run.maxPageRows = Math.max(run.maxPageRows, rows);
        }

        synchronized void unavailable(String source, String reason) {
            unavailable.put(source, reason);
        }

        synchronized boolean isUnavailable(String source) {
            return unavailable.containsKey(source);
        }
    }

    /**
     * Writes handed to worker threads, at most {@code limit} at a time, so the caller reads the next page meanwhile.
     * {@link #drain()} waits for them and rethrows the first failure.
     */
    final class Writes {
        private final Semaphore slots;
        private final List<Future<?>> pending = new ArrayList<>();
        private final Object lock;

        Writes(int limit, Object lock) {
            this.slots = new Semaphore(limit);
            this.lock = lock;
        }

        <T> void submit(Supplier<Uni<T>> work, Consumer<T> done) {
            slots.acquireUninterruptibly();
            prune();
            pending.add(workers.submit(() -> {
                try {
                    T result = await(work);
                    synchronized (lock) {
                        done.accept(result);
                    }
                } finally {
                    slots.release();
                }
                return null;
            }));
        }

        private void prune() {
            for (Iterator<Future<?>> it = pending.iterator(); it.hasNext(); ) {
                Future<?> f = it.next();
                if (f.isDone()) {
                    result(f);
                    it.remove();
                }
            }
        }

        void drain() {
            RuntimeException first = null;
            for (Future<?> f : pending) {
                try {
                    result(f);
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            pending.clear();
            if (first != null) {
                throw first;
            }
        }

        private void result(Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
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
            st.phase("start");
            // the ERP and the platforms are independent sources: pulled side by side (a platform order the ERP links to
            // its global id in this very run is moved onto it by the linking step)
            Future<?> erpPull = workers.submit(() -> {
                if (config.erp().enabled()) {
                    pullErp(st, until);
                }
                st.step("erp.pull", st.started);
            });
            for (ChannelSource source : channelSources) {
                if (source.enabled()) {
                    pullPlatform(st, source, until);
                }
            }
            st.step("platform.pull", st.started);
            join(erpPull);
            st.phase("pull");
            link(st);
            st.phase("link");
            if (config.carrier().enabled()) {
                refreshCarrier(st);
            }
            st.phase("carrier");
            compare(st);
            st.phase("compare");
            await(() -> deviation.recompute(st.touched, Instant.now()).replaceWithVoid());
            st.phase("figures");
            run.status = st.unavailable.isEmpty() ? ReconRun.SUCCEEDED : ReconRun.PARTIAL;
        } catch (RuntimeException e) {
            if (interrupted(e) || workers.isShutdown()) {
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
                        + "%d deviating, %d settling; %d found, %d resolved; ms per phase %s, per step (summed over concurrent work) %s%s",
                id, trigger, run.status, Duration.between(started, run.finishedAt).toMillis(), run.erpRows, run.platformRows,
                run.carrierRows, run.checked, run.consistent, run.deviating, run.settling, run.found, run.resolved, st.phaseMillis,
                st.stepMillis, run.unavailable == null ? "" : "; unavailable: " + run.unavailable);
        return run;
    }

    // ------------------------------------------------------------------------------------------ ERP

    private void pullErp(State st, Instant until) {
        ReconOrderStore.Watermark wm = await(() -> store.watermark(ERP));
        Instant from = wm == null ? until.minus(config.lookback()) : wm.pulledUntil().minus(config.overlap());
        Instant coveredFrom = wm == null ? from : wm.coveredFrom();
        st.erpFrom = coveredFrom;
        st.erpReadAt = Instant.now();
        int size = config.erp().pageSize();
        Writes writes = new Writes(WRITE_CONCURRENCY, st);
        try {
            ErpClient.ErpPage probe = await(() -> st.timed("erp.fetch", erp.page(from, until, 0, 1)));
            if (probe.unavailable() != null) {
                st.unavailable(ERP, probe.unavailable());
                return;
            }
            int pages = (probe.totalCount() + size - 1) / size;
            // One page at a time, last page first. The ERP pages by offset: an order modified during the pull moves to
            // the end of the window (or out of it) and the orders after its old place shift back by one, onto pages
            // already read, so nothing is skipped; the moved order itself is in the next run's window (overlap).
            // Pages read side by side could skip an order that never changes again, so they are not.
            for (int p = pages - 1; p >= 0; p--) {
                int pageNo = p;
                ErpClient.ErpPage page = await(() -> st.timed("erp.fetch", erp.page(from, until, pageNo, size)));
                if (page.unavailable() != null) {
                    st.unavailable(ERP, page.unavailable());
                    writes.drain();
                    return;
                }
                st.page(page.trades().size());
                writes.submit(() -> st.timed("erp.write", store.upsertErp(page.trades())), n -> st.run.erpRows += n);
            }
            writes.drain();
            await(() -> store.saveWatermark(new ReconOrderStore.Watermark(ERP, coveredFrom, until)));
            st.erpAvailable = true;
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                throw e;
            }
            st.unavailable(ERP, "ERP pull failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ platforms

    private void pullPlatform(State st, ChannelSource source, Instant until) {
        List<String> shops = new ArrayList<>(new TreeSet<>(source.shops()));
        Instant[] window = new Instant[2];
        Instant readAt = Instant.now();
        List<Future<?>> pullers = new ArrayList<>();
        Semaphore shopSlots = new Semaphore(SHOP_CONCURRENCY);
        for (String shop : shops) {
            shopSlots.acquireUninterruptibly();
            pullers.add(workers.submit(() -> {
                try {
                    pullShop(st, source, shop, until, window);
                } finally {
                    shopSlots.release();
                }
                return null;
            }));
        }
        for (Future<?> f : pullers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r && interrupted(r)) {
                    throw r;
                }
                st.unavailable("platform:" + source.channel(), source.channel() + " pull failed: " + e.getCause());
            }
        }
        boolean available;
        synchronized (st) {
            available = st.unavailable.keySet().stream().noneMatch(k -> k.startsWith("platform:" + source.channel() + ":")
                    || k.equals("platform:" + source.channel()));
            st.platforms.put(source.channel(), new Coverage.PlatformCoverage(available, new TreeSet<>(shops), window[0], readAt));
        }
    }

    private void pullShop(State st, ChannelSource source, String shop, Instant until, Instant[] window) {
        String name = "platform:" + source.channel() + ":" + shop;
        ReconOrderStore.Watermark wm = await(() -> store.watermark(name));
        Instant start = wm == null ? until.minus(config.lookback()) : wm.pulledUntil().minus(config.overlap());
        Instant coveredFrom = wm == null ? start : wm.coveredFrom();
        synchronized (st) {
            window[0] = window[0] == null || coveredFrom.isAfter(window[0]) ? coveredFrom : window[0];
        }
        Writes writes = new Writes(WRITE_CONCURRENCY, st);
        try {
            String cursor = null;
            do {
                String at = cursor;
                ChannelSource.PlatformPage page = await(() -> st.timed("platform.fetch", source.page(shop, start, until, at)));
                if (page.unavailable() != null) {
                    st.unavailable(name, page.unavailable());
                    writes.drain();
                    return;
                }
                st.page(page.orders().size());
                writes.submit(() -> st.timed("platform.write", store.upsertPlatform(source.channel(), shop, page.orders())),
                        n -> st.run.platformRows += n);
                cursor = page.nextCursor();
            } while (cursor != null);
            writes.drain();
            await(() -> store.saveWatermark(new ReconOrderStore.Watermark(name, coveredFrom, until)));
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                throw e;
            }
            st.unavailable(name, source.channel() + " shop " + shop + " pull failed: " + e.getMessage());
        }
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
        Writes writes = new Writes(WRITE_CONCURRENCY, st);
        String after = "";
        try {
            while (true) {
                String cursor = after;
                List<ReconOrderStore.CarrierDue> due = await(() -> st.timed("carrier.read", store.carrierDue(cursor, config.pageSize(), refreshBefore)));
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
                        .onItem().transformToUni(b -> st.timed("carrier.fetch", carrier.routes(b)))
                        .merge(Math.max(1, config.carrier().concurrency()))
                        .collect().asList());
                Map<String, CarrierClient.Waybill> waybills = new LinkedHashMap<>();
                for (CarrierClient.CarrierAnswer a : answers) {
                    if (a.unavailable() != null) {
                        st.unavailable(CARRIER, a.unavailable());
                        writes.drain();
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
                writes.submit(() -> st.timed("carrier.write", store.upsertCarrier(rows)), n -> st.run.carrierRows += n);
                if (due.size() < config.pageSize()) {
                    break;
                }
            }
            writes.drain();
            st.carrierAvailable = true;
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                throw e;
            }
            st.unavailable(CARRIER, "carrier refresh failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ comparison

    private void compare(State st) {
        Coverage coverage = new Coverage(Map.copyOf(st.platforms), st.erpAvailable, st.erpFrom, st.erpReadAt,
                st.carrierAvailable);
        int size = config.pageSize();
        Writes writes = new Writes(WRITE_CONCURRENCY, st);
        List<ReconOrderStore.Check> page = await(() -> st.timed("compare.read", store.checkPage("", size)));
        while (!page.isEmpty()) {
            st.page(page.size());
            Instant now = Instant.now();
            long evaluating = System.nanoTime();
            List<DiscrepancyWriter.OrderResult> results = new ArrayList<>(page.size());
            for (ReconOrderStore.Check c : page) {
                Evaluation e = engine.evaluate(c.facts(), coverage, now);
                results.add(new DiscrepancyWriter.OrderResult(c.facts(), c.changeSeq(), e));
                Instant ref = c.facts().referenceTime();
                if (c.facts().channel() != null && ref != null) {
                    synchronized (st) {
                        st.touched.add(new ReconOrderStore.Hour(c.facts().channel(), ref.truncatedTo(ChronoUnit.HOURS)));
                    }
                }
            }
            st.step("compare.evaluate", evaluating);
            int checked = page.size();
            // written (discrepancies and events, then the bookkeeping) while the next page is read: keys never overlap
            writes.submit(() -> st.timed("compare.write", writer.apply(st.run.id, now, results))
                    .call(outcome -> st.timed("compare.mark", store.markChecked(outcome.checked(), now))), outcome -> {
                st.run.checked += checked;
                st.run.consistent += outcome.outcomes().getOrDefault(Outcome.CONSISTENT, 0);
                st.run.deviating += outcome.outcomes().getOrDefault(Outcome.DEVIATING, 0);
                st.run.settling += outcome.outcomes().getOrDefault(Outcome.SETTLING, 0);
                st.run.found += outcome.found();
                st.run.resolved += outcome.resolved();
            });
            if (page.size() < size) {
                break;
            }
            String after = page.get(page.size() - 1).facts().orderKey();
            page = await(() -> st.timed("compare.read", store.checkPage(after, size)));
        }
        writes.drain();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void join(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

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

    /** Runs reactive work on a Vert.x context and waits for it: this class runs on worker threads. */
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
