package io.orderhub.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.orderhub.k8s.support.Chart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
