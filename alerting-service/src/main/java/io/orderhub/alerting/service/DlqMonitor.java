package io.orderhub.alerting.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderhub.alerting.config.AlertingConfig;
import io.orderhub.alerting.domain.AlertKind;
import io.orderhub.alerting.domain.DlqDepth;
import io.orderhub.alerting.domain.Severity;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.DlqDepthRepository;
import io.orderhub.contract.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the dead-letter topics ({@code <topic>.dlq} of every hub topic): the number of messages ever written to
 * each (sum of end offsets) is compared with the last check; growth raises a critical alert for on-call. The first
 * look at a topic is a baseline. {@code orderhub_dlq_depth{topic}} shows the figure.
 */
@ApplicationScoped
public class DlqMonitor {
    @Inject
    DlqDepthRepository depths;
    @Inject
    AlertService alerts;
    @Inject
    AlertingConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private volatile Admin admin;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public List<String> topics() {
        List<String> out = new ArrayList<>();
        Topics.ALL.forEach(t -> out.add(Topics.dlq(t)));
        config.dlq().extraTopics().ifPresent(out::addAll);
        return out;
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
                }
            }
        }
        return admin;
    }

    /** Messages ever written to each watched DLQ topic (0 for one that does not exist yet). Blocking. */
    Map<String, Long> readDepths() throws Exception {
        List<String> watched = topics();
        Set<String> existing = admin().listTopics().names().get(10, TimeUnit.SECONDS);
        List<String> present = watched.stream().filter(existing::contains).toList();
        Map<String, Long> out = new TreeMap<>();
        watched.forEach(t -> out.put(t, 0L));
        if (present.isEmpty()) {
            return out;
        }
        Map<String, TopicDescription> described = admin().describeTopics(present).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()),
                OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin().listOffsets(request).all()
                .get(10, TimeUnit.SECONDS);
        offsets.forEach((tp, info) -> out.merge(tp.topic(), info.offset(), Long::sum));
        return out;
    }

    public Uni<Integer> check() {
        // the admin client blocks: on a worker thread, then back on this context for the reactive session
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        return readDepths();
                    } catch (Exception e) {
                        throw new IllegalStateException("could not read DLQ offsets from Kafka: " + e.getMessage(), e);
                    }
                }), false)
                .chain(this::record);
    }

    private Uni<Integer> record(Map<String, Long> now) {
        Instant at = Times.now();
        now.forEach((topic, depth) -> gauges.computeIfAbsent(topic, t -> {
            AtomicLong g = new AtomicLong();
            registry.gauge("orderhub.dlq.depth", List.of(io.micrometer.core.instrument.Tag.of("topic", t)), g);
            return g;
        }).set(depth));
        return Panache.withTransaction(() -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Map.Entry<String, Long> e : now.entrySet()) {
                chain = chain.chain(grown -> depths.findById(e.getKey(), LockModeType.PESSIMISTIC_WRITE).chain(row -> {
                    if (row == null) {
                        DlqDepth d = new DlqDepth();
                        d.topic = e.getKey();
                        d.depth = e.getValue();
                        d.checkedAt = at;
                        return depths.persist(d).replaceWith(grown);
                    }
                    long before = row.depth;
                    row.depth = e.getValue();
                    row.checkedAt = at;
                    if (e.getValue() <= before) {
                        return Uni.createFrom().item(grown);
                    }
                    return alerts.raise(AlertSpec.of("dlq:" + e.getKey(), AlertKind.DLQ_GROWTH, Severity.CRITICAL, AlertKind.ONCALL,
                                    null, e.getKey() + " grew from " + before + " to " + e.getValue()
                                            + " dead letters: read their dead-letter-reason header, fix the cause, then replay them",
                                    Map.of("topic", e.getKey(), "depth", Long.toString(e.getValue()))))
                            .replaceWith(grown + 1);
                }));
            }
            return chain;
        });
    }

    public Uni<List<DlqDepth>> list() {
        return Panache.withSession(() -> depths.listAll());
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
