package io.orderhub.bench;

import java.util.List;
import java.util.Map;

/**
 * The work one step made the box do, <b>counted</b>: every figure is a counter's difference from the step's start to
 * the end of its drain (the work a step leaves queued is done during the drain), divided by the step's new orders
 * locked. Background work in that window (outbox pollers, schedules) counts too. -1 where not measured.
 *
 * @param orders        the divisor: new orders of the step that reached STOCK_LOCKED
 * @param seconds       the window: the step and its drain
 * @param databases     per service database
 * @param statements    where the statement counts come from, or why there are none
 * @param topStatements the statements executed most often per order, BEGIN/COMMIT/ROLLBACK left out
 * @param produced      per topic that got any: records written (end-offset difference); {@code __consumer_offsets}
 *                      holds the consumer groups' offset commits
 * @param consumed      per hub consumer group, per topic: records consumed (committed-offset difference)
 * @param cpuMs         CPU milliseconds per order by who used it (each service, then the rows of {@link BoxCpu})
 * @param boxCores      the box's (six services, PostgreSQL, bench JVM) average cores over the window
 * @param notes         whatever made a count less than exact in this window
 */
public record Work(
        long orders,
        double seconds,
        List<Database> databases,
        String statements,
        List<Statement> topStatements,
        Map<String, Double> produced,
        Map<String, Map<String, Double>> consumed,
        Map<String, Double> cpuMs,
        double boxCores,
        List<String> notes) {

    /**
     * One service's database, per order: transactions (pg_stat_database xact_commit + xact_rollback), statements
     * (pg_stat_statements calls, every statement the server executed for a client, BEGIN/COMMIT included), of those
     * the transaction control ones (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...), and rows written (tup_inserted +
     * tup_updated + tup_deleted).
     */
    public record Database(String service, String database, double transactions, double statements, double transactionControl,
            double rowsWritten) {
    }

    /** One statement (normalized text, as pg_stat_statements keeps it): calls per order. */
    public record Statement(String database, double calls, String query) {
    }

    /** Sum over the service databases of one per-order figure; -1 if any is unmeasured. */
    public double sum(java.util.function.ToDoubleFunction<Database> figure) {
        double sum = 0;
        for (Database d : databases) {
            double v = figure.applyAsDouble(d);
            if (v < 0) {
                return -1;
            }
            sum += v;
        }
        return databases.isEmpty() ? -1 : Math.round(sum * 100) / 100.0;
    }

    /** Records produced per order, all topics (offset commits included). */
    public double producedTotal() {
        return Math.round(produced.values().stream().mapToDouble(Double::doubleValue).sum() * 100) / 100.0;
    }

    /** Records consumed per order, all hub groups and topics. */
    public double consumedTotal() {
        return Math.round(consumed.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).sum() * 100)
                / 100.0;
    }
}
