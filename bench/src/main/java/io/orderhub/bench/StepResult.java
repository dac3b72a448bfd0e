package io.orderhub.bench;

import java.util.List;
import java.util.Map;

/**
 * The figures of one rate step. Latencies in milliseconds (-1 where nothing was measured).
 *
 * @param targetRate     webhooks per second the open loop scheduled
 * @param achievedRate   webhooks per second actually sent (below target only if the generator itself fell behind)
 * @param newOrders      new paid orders among the webhooks (the rest: duplicates, seller updates, late versions)
 * @param errors         non-2xx answers, timeouts and connection failures (must be 0)
 * @param quarantined    2xx answers that still quarantined the document (the hub did not understand it)
 * @param ack            webhook acknowledgement, from the scheduled send time to the answer
 * @param paidToLocked   PAID → STOCK_LOCKED from the two lifecycle events' {@code ce_time}
 * @param webhookToLocked from the webhook's scheduled send time to the {@code ce_time} of its order's STOCK_LOCKED event
 *                       (when order-state recorded the lock; same machine, same wall clock), end to end
 * @param locked         new orders that reached STOCK_LOCKED before the step's drain deadline
 * @param lagAtEnd       consumer lag of all hub groups when the last webhook of the step was sent
 * @param lagMax         highest lag sampled during the step
 * @param drainSeconds   after the last send, until every consumer group had caught up and the answers were in
 * @param cpuCores       per service: average cores used while the step sent (1.0 = one core)
 * @param rssMb          per service: highest resident set size sampled during the step
 * @param jitCores       the six services' JIT compiler threads together, cores while the step sent (≈ 0 once warm)
 * @param cpuMsPerOrder  CPU of the six services from the step's start to the end of its drain, per new order locked
 *                       (the work a step leaves queued is done during the drain, so it is counted there too)
 * @param work           the whole box's work per order locked, counted over the same window (null in older reports)
 * @param sustained      whether this step met every bound of {@link Bounds}
 * @param verdict        why it did or did not
 */
public record StepResult(
        int targetRate,
        double seconds,
        double achievedRate,
        long sent,
        long newOrders,
        Map<String, Long> kinds,
        long errors,
        long quarantined,
        List<String> errorSamples,
        Latency ack,
        Latency paidToLocked,
        Latency webhookToLocked,
        long locked,
        long lagAtEnd,
        long lagMax,
        double drainSeconds,
        Map<String, Double> cpuCores,
        Map<String, Double> rssMb,
        double jitCores,
        double cpuMsPerOrder,
        Work work,
        boolean sustained,
        String verdict) {

    /** p50/p95/p99/max in milliseconds over {@code count} samples. */
    public record Latency(long count, double p50, double p95, double p99, double max) {
        static final Latency NONE = new Latency(0, -1, -1, -1, -1);

        static Latency ofMicros(long[] micros) {
            Percentiles p = Percentiles.of(micros);
            if (p.count() == 0) {
                return NONE;
            }
            return new Latency(p.count(), ms(p.at(50)), ms(p.at(95)), ms(p.at(99)), ms(p.max()));
        }

        private static double ms(long micros) {
            return Math.round(micros / 100.0) / 10.0;
        }
    }

    /**
     * What "p99 stays bounded" means here: no errors, the generator kept its schedule, acks stay under a second and
     * payment→stock-locked and webhook→stock-locked under two at p99, almost every order was locked, and the consumers
     * caught up within a few seconds of the last send (a hub that falls behind keeps a growing backlog instead).
     * "Caught up" is read from the groups' committed offsets, and the consumers commit what they processed every
     * 5 s (the Kafka connector's throttled strategy, {@code auto.commit.interval.ms}), so a hub that is done shows
     * lag for up to 5 s more: the drain bound is 10 s (it was 5 s, which a hub answering in 24 ms failed by 0.2 s).
     */
    public record Bounds(double ackP99Ms, double lockP99Ms, double webhookLockP99Ms, double lockedShare, double drainSeconds,
            double scheduleShare) {
        public static final Bounds DEFAULT = new Bounds(1000, 2000, 2000, 0.99, 10.0, 0.95);

        String judge(StepResult s) {
            if (s.errors() > 0) {
                return s.errors() + " errors";
            }
            if (s.quarantined() > 0) {
                return s.quarantined() + " quarantined";
            }
            if (s.achievedRate() < scheduleShare * s.targetRate()) {
                return "the generator sent only " + Math.round(s.achievedRate()) + "/s";
            }
            if (s.ack().p99() > ackP99Ms) {
                return "ack p99 " + s.ack().p99() + " ms > " + ackP99Ms + " ms";
            }
            if (s.newOrders() > 0 && s.locked() < lockedShare * s.newOrders()) {
                return "only " + s.locked() + " of " + s.newOrders() + " orders reached STOCK_LOCKED";
            }
            if (s.paidToLocked().p99() > lockP99Ms) {
                return "payment→STOCK_LOCKED p99 " + s.paidToLocked().p99() + " ms > " + lockP99Ms + " ms";
            }
            if (s.webhookToLocked().p99() > webhookLockP99Ms) {
                return "webhook→STOCK_LOCKED p99 " + s.webhookToLocked().p99() + " ms > " + webhookLockP99Ms + " ms";
            }
            if (s.drainSeconds() > drainSeconds) {
                return "the consumers needed " + s.drainSeconds() + " s to catch up after the step";
            }
            return null;
        }
    }
}
