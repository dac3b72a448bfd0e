package io.orderhub.k8s.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart under test (k8s/orderhub) driven through helm-java: Helm's own Go code, loaded from Maven Central,
 * in-process. Every render uses the same release name, namespace and Kubernetes version, so that renders are
 * reproducible and comparable with the golden files.
 */
public final class Chart {

    public static final String RELEASE = "orderhub";
    public static final String NAMESPACE = "orderhub";
    public static final String KUBE_VERSION = "1.30.0";

    public static final List<String> SERVICES = List.of(
            "alerting-service", "inventory-service", "order-ingest-service",
            "order-state-service", "reconciliation-service", "returns-service");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
);

    private Chart() {
    }

    public static Path dir() {
        return Paths.get(System.getProperty("chart.dir", "orderhub")).toAbsolutePath().normalize();
    }

    public static Path repoDir() {
        return Paths.get(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();
    }

    public static Path goldenDir() {
        return Paths.get(System.getProperty("golden.dir", "src/test/resources/golden")).toAbsolutePath().normalize();
    }

    /** The value sets of ci/, by file name. */
    public static List<Path> ciValues() {
        try (Stream<Path> files = Files.list(dir().resolve("ci"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path ciValues(String fileName) {
        Path path = dir().resolve("ci").resolve(fileName);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no value set " + path);
        }
        return path;
    }

    /** {@code helm template} with these value files (in order), as Helm prints it. */
    public static String template(Path... valuesFiles) {
        var command = new Helm(dir()).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values);
        }
        return command.call();
    }

    /** {@code helm template}, parsed into typed objects with unknown fields refused. */
    public static Manifests render(Path... valuesFiles) {
        return Manifests.parse(template(valuesFiles));
    }

    /** {@code helm lint --strict} of the chart as shipped (its own values.yaml). */
    public static LintResult lintAsShipped() {
        return new Helm(dir()).lint().strict().call();
    }

    /**
     * {@code helm lint --strict -f values...}: helm-java's lint takes no value files, so the chart is copied to
     * {@code target/lint/<name>} with its values.yaml replaced by values.yaml merged with the given files, exactly
     * as Helm merges them (maps deep, everything else replaced, null removes the key).
     */
    public static LintResult lintWith(Path... valuesFiles) {
        try {
            String name = valuesFiles[valuesFiles.length - 1].getFileName().toString().replaceAll("\\.yaml$", "");
            Path copy = Paths.get("target", "lint", name, "orderhub").toAbsolutePath();
            copyTree(dir(), copy);
            Map<String, Object> merged = readYaml(dir().resolve("values.yaml"));
            for (Path values : valuesFiles) {
                merged = merge(merged, readYaml(values));
            }
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages of a lint that are warnings or errors (strict lint fails on both). */
    public static List<String> problems(LintResult result) {
        return result.getMessages().stream()
                .filter(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) throws IOException {
        Map<String, Object> map = YAML.readValue(file.toFile(), Map.class);
        return map == null ? new LinkedHashMap<>() : map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object current = out.get(key);
            if (value == null) {
                out.remove(key);
            } else if (current instanceof Map && value instanceof Map) {
                out.put(key, merge((Map<String, Object>) current, (Map<String, Object>) value));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
