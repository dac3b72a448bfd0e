package io.orderhub.k8s;

import com.marcnuri.helm.LintResult;
import io.orderhub.k8s.support.Chart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** helm lint --strict for every ci/ value set; refusal of broken value sets with a message that says what to fix. */
class ChartLintTest {

    static List<Path> ciValues() {
        return Chart.ciValues();
    }

    static List<Path> brokenValues() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("src/test/resources/broken"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void thereAreCiValueSetsAndBrokenOnes() throws IOException {
        assertTrue(ciValues().size() >= 3, "ci/ holds the value sets the build checks: " + ciValues());
        assertTrue(brokenValues().size() >= 10, "src/test/resources/broken holds the refused value sets");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValues")
    void everyCiValueSetPassesStrictLint(Path values) {
        LintResult result = Chart.lintWith(values);
        assertEquals(List.of(), Chart.problems(result), "helm lint --strict -f " + values.getFileName());
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
    }

    @Test
    void theShippedChartPassesStrictLint() {
        LintResult result = Chart.lintAsShipped();
        assertEquals(List.of(), Chart.problems(result));
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
    }

    @Test
    void withoutTheRequiredValuesTheChartSaysWhichOnesToSet() {
        Exception refused = assertThrows(Exception.class, () -> Chart.template());
        for (String value : List.of("global.image.registry", "kafka.bootstrapServers", "jwt.issuer",
                "jwt.publicKeyLocation", "ingress.host")) {
            assertTrue(refused.getMessage().contains(value), "the refusal names " + value + ": " + refused.getMessage());
        }
    }

    /**
     * Each file in src/test/resources/broken breaks one thing on top of ci/minimal-values.yaml. Its first line
     * says what the refusal must mention ({@code # expect: ...}); {@code # lint: fails} marks the ones the schema
     * catches, which helm lint --strict must refuse too (a template's own {@code fail} is only reported by install
     * and template, not by lint).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenValues")
    void brokenValueSetsAreRefusedWithAMessageThatSaysWhatToFix(Path broken) throws IOException {
        List<String> lines = Files.readAllLines(broken);
        String expect = lines.stream().filter(l -> l.startsWith("# expect: ")).findFirst()
                .map(l -> l.substring("# expect: ".length()).trim())
                .orElseThrow(() -> new AssertionError(broken + " has no '# expect: ' line"));
        Path minimal = Chart.ciValues("minimal-values.yaml");

        assertDoesNotRender(minimal, broken, expect);
        if (lines.contains("# lint: fails")) {
            LintResult lint = Chart.lintWith(minimal, broken);
            assertTrue(lint.isFailed(), () -> "helm lint --strict accepted " + broken.getFileName() + ": " + lint.getMessages());
            assertTrue(String.join("\n", lint.getMessages()).contains(expect),
                    () -> "lint's refusal mentions '" + expect + "': " + lint.getMessages());
        }
    }

    private static void assertDoesNotRender(Path minimal, Path broken, String expect) {
        String rendered;
        try {
            rendered = Chart.template(minimal, broken);
        } catch (Exception refused) {
            assertTrue(refused.getMessage() != null && refused.getMessage().contains(expect),
                    () -> broken.getFileName() + " was refused, but the message does not mention '" + expect + "': "
                            + refused.getMessage());
            return;
        }
        fail(broken.getFileName() + " rendered instead of being refused:\n"
                + rendered.substring(0, Math.min(400, rendered.length())));
    }
}
