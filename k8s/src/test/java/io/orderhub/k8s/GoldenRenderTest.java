package io.orderhub.k8s;

import io.orderhub.k8s.support.Chart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The render of every ci/ value set is checked in (src/test/resources/golden/<set>.yaml), so that a review sees
 * what a chart change does to the cluster. After an intended change:
 * {@code ../mvnw -B -o verify -Dgolden.update=true}, then review and commit the diff of golden/.
 */
class GoldenRenderTest {

    static List<Path> ciValues() {
        return Chart.ciValues();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValues")
    void renderMatchesTheGoldenFile(Path values) throws IOException {
        String rendered = Chart.template(values);
        Path golden = Chart.goldenDir().resolve(values.getFileName());
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, rendered);
            return;
        }
        assertTrue(Files.isRegularFile(golden), "no golden render " + golden + ": run with -Dgolden.update=true");
        String expected = Files.readString(golden);
        if (!expected.equals(rendered)) {
            List<String> want = expected.lines().toList();
            List<String> got = rendered.lines().toList();
            int line = 0;
            while (line < Math.min(want.size(), got.size()) && want.get(line).equals(got.get(line))) {
                line++;
            }
            fail("the render of ci/" + values.getFileName() + " differs from " + golden.getFileName() + " at line "
                    + (line + 1) + ":\n  golden:   " + (line < want.size() ? want.get(line) : "<end>")
                    + "\n  rendered: " + (line < got.size() ? got.get(line) : "<end>")
                    + "\nIf the change is intended: ../mvnw -B -o verify -Dgolden.update=true, and commit golden/.");
        }
    }

    @Test
    void everyGoldenFileBelongsToACiValueSet() throws IOException {
        assumeFalse(Boolean.getBoolean("golden.update"), "rewriting golden/");
        Set<String> sets = ciValues().stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(Chart.goldenDir())) {
            Set<String> golden = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(sets, golden, "golden/ holds exactly one render per ci/ value set");
        }
    }

    @Test
    void renderingIsReproducible() {
        Path values = Chart.ciValues("production-values.yaml");
        assertEquals(Chart.template(values), Chart.template(values));
    }
}
