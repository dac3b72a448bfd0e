package io.orderhub.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.orderhub.k8s.support.Chart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image definitions of the services (src/main/docker/Dockerfile.jvm and Dockerfile.native) agree with what the
 * chart expects of them: user 185, port 8080, the working directory whose config/ the chart mounts.
 */
class ImagesTest {

    @Test
    void theChartDeploysExactlyTheServiceModulesOfTheRepository() throws IOException {
        Set<String> modules;
        try (Stream<Path> dirs = Files.list(Chart.repoDir())) {
            modules = dirs.filter(d -> d.getFileName().toString().endsWith("-service"))
                    .filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(Chart.SERVICES), modules);
        assertEquals(new TreeSet<>(Chart.SERVICES).stream().map(s -> Chart.RELEASE + "-" + s).collect(Collectors.toSet()),
                Chart.render(Chart.ciValues("minimal-values.yaml")).names(Deployment.class));
    }

    @Test
    void everyServiceHasAJvmImageAsTheChartRunsIt() throws IOException {
        for (String service : Chart.SERVICES) {
            Path file = Chart.repoDir().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            List<String> lines = Files.readAllLines(file);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:")), file.toString());
            assertTrue(lines.contains("USER 185"), file + " runs as the chart's runAsUser");
            assertTrue(lines.contains("EXPOSE 8080"), file.toString());
            assertTrue(lines.contains("ENV QUARKUS_HTTP_PORT=8080"), file.toString());
            assertTrue(lines.contains("WORKDIR /deployments"), file + ": the chart mounts config/ under /deployments");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/")), file.toString());
            assertTrue(lines.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), file.toString());
            assertTrue(String.join("\n", lines).contains("-pl " + service + " "), file + " documents its own build command");
        }
    }

    @Test
    void everyServiceHasANativeImageAsTheChartRunsIt() throws IOException {
        for (String service : Chart.SERVICES) {
            Path file = Chart.repoDir().resolve(service).resolve("src/main/docker/Dockerfile.native");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            List<String> lines = Files.readAllLines(file);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("FROM quay.io/quarkus/ubi9-quarkus-micro-image:")), file.toString());
            assertTrue(lines.contains("USER 185"), file + " runs as the chart's runAsUser");
            assertTrue(lines.contains("WORKDIR /work/"), file + ": the chart mounts config/ under /work with flavor native");
            assertTrue(lines.contains("EXPOSE 8080"), file.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY --chown=185:root --chmod=0755 target/*-runner /work/application")), file.toString());
            assertTrue(String.join("\n", lines).contains("-Pnative -Dquarkus.native.container-build=true"), file.toString());
        }
    }

    /**
     * The JVM flags ./hub bench measures the services with (devstack's Stack, also the local stack's) are the ones the
     * images and the chart run them with: the serial collector, C1 only, -Xms64m, and a heap of half the default 768Mi
     * limit (the bench's -Xmx384m).
     */
    @Test
    void theImagesAndTheChartRunTheJvmFlagsTheBenchMeasures() throws IOException {
        String stack = Files.readString(Chart.repoDir().resolve("devstack/src/main/java/io/orderhub/devstack/Stack.java"));
        assertTrue(stack.contains("\"-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1\""),
                "the bench's default service flags changed: change the images and the chart's global.jvm with them");
        for (String service : Chart.SERVICES) {
            Path file = Chart.repoDir().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
            List<String> lines = Files.readAllLines(file);
            assertTrue(lines.contains("ENV GC_CONTAINER_OPTIONS=\"-XX:+UseSerialGC\""), file.toString());
            assertTrue(lines.contains("ENV JAVA_MAX_MEM_RATIO=50"), file.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ENV JAVA_OPTS_APPEND=") && l.contains(" -Xms64m")
                    && l.contains(" -XX:TieredStopAtLevel=1")), file.toString());
        }
        var rendered = Chart.render(Chart.ciValues("minimal-values.yaml"));
        for (String service : Chart.SERVICES) {
            Map<String, String> env = rendered.one(ConfigMap.class, Chart.RELEASE + "-" + service + "-env").getData();
            assertEquals("-XX:+UseSerialGC", env.get("GC_CONTAINER_OPTIONS"), service);
            String opts = env.get("JAVA_OPTS_APPEND");
            assertTrue(opts.contains("-Dquarkus.http.host=0.0.0.0") && opts.contains("-Xms64m")
                    && opts.contains("-XX:MaxRAMPercentage=50") && opts.contains("-XX:TieredStopAtLevel=1"), service + ": " + opts);
        }
    }
}
