package io.orderhub.returns;

import io.orderhub.returns.domain.Classification;
import io.orderhub.returns.domain.IntentClassifier;
import io.orderhub.returns.domain.ReturnFlag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accuracy on the labelled data set (src/test/resources/returns-dataset.tsv). The held-out part is never used to
 * write the rules; its accuracy is printed and must reach 95 %. REVIEW rows must come out as "needs a person".
 */
class IntentClassifierDatasetTest {
    record Row(String id, String split, String lang, String intent, String flags, String text) {
    }

    record Score(int n, int intentOk, int flagsAsked, int flagsFound, List<String> misses) {
    }

    private final IntentClassifier classifier = new IntentClassifier();

    static List<Row> dataset() throws IOException {
        try (InputStream in = IntentClassifierDatasetTest.class.getResourceAsStream("/returns-dataset.tsv")) {
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("id\t")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5]));
            }
            return rows;
        }
    }

    private Score score(List<Row> rows) {
        int ok = 0;
        int asked = 0;
        int found = 0;
        List<String> misses = new ArrayList<>();
        for (Row r : rows) {
            Classification c = classifier.classify(r.text());
            String got = c.needsReview() ? "REVIEW" : c.intent().name();
            boolean right = got.equals(r.intent());
            if (right) {
                ok++;
            }
            List<String> missing = new ArrayList<>();
            if (!r.flags().isBlank()) {
                for (String flag : r.flags().split(",")) {
                    asked++;
                    if (hasFlag(c, flag)) {
                        found++;
                    } else {
                        missing.add(flag);
                    }
                }
            }
            if (!right || !missing.isEmpty()) {
                misses.add(r.id() + " expected " + r.intent() + " got " + got + String.format(" (%.2f)", c.confidence())
                        + (missing.isEmpty() ? "" : " missing " + missing) + ": " + r.text());
            }
        }
        return new Score(rows.size(), ok, asked, found, misses);
    }

    private static boolean hasFlag(Classification c, String flag) {
        if (flag.startsWith("size:")) {
            return flag.substring(5).equalsIgnoreCase(String.valueOf(c.desiredSize()));
        }
        if (flag.startsWith("colour:")) {
            return flag.substring(7).equals(c.desiredColour());
        }
        if (flag.startsWith("sku:")) {
            return flag.substring(4).equals(c.desiredSku());
        }
        return c.flags().contains(ReturnFlag.valueOf(flag));
    }

    @Test
    void theDataSetIsLargeBilingualAndHasAHeldOutPart() throws IOException {
        List<Row> rows = dataset();
        assertTrue(rows.size() >= 300, "at least 300 labelled messages, got " + rows.size());
        Map<String, Integer> perLang = new TreeMap<>();
        Map<String, Integer> perIntent = new TreeMap<>();
        rows.forEach(r -> {
            perLang.merge(r.lang(), 1, Integer::sum);
            perIntent.merge(r.intent(), 1, Integer::sum);
        });
        assertTrue(perLang.getOrDefault("zh", 0) >= 100 && perLang.getOrDefault("en", 0) >= 100, perLang.toString());
        assertEquals(4, perIntent.size(), perIntent.toString());
        long heldOut = rows.stream().filter(r -> r.split().equals("heldout")).count();
        assertTrue(heldOut >= 90, "held-out part: " + heldOut);
        assertEquals(rows.size(), rows.stream().map(Row::text).distinct().count(), "no duplicated message");
    }

    @Test
    void heldOutAccuracyReachesNinetyFivePercent() throws IOException {
        List<Row> all = dataset();
        Score train = score(all.stream().filter(r -> r.split().equals("train")).toList());
        Score held = score(all.stream().filter(r -> r.split().equals("heldout")).toList());
        System.out.printf("[returns classifier] train    intent accuracy %d/%d = %.3f, flags %d/%d%n", train.intentOk(), train.n(),
                train.intentOk() / (double) train.n(), train.flagsFound(), train.flagsAsked());
        System.out.printf("[returns classifier] held-out intent accuracy %d/%d = %.3f, flags %d/%d%n", held.intentOk(), held.n(),
                held.intentOk() / (double) held.n(), held.flagsFound(), held.flagsAsked());
        for (String lang : List.of("zh", "en", "mixed")) {
            Score s = score(all.stream().filter(r -> r.split().equals("heldout") && r.lang().equals(lang)).toList());
            System.out.printf("[returns classifier] held-out %-5s %d/%d%n", lang, s.intentOk(), s.n());
        }
        held.misses().forEach(m -> System.out.println("[returns classifier] held-out miss: " + m));
        assertTrue(held.intentOk() / (double) held.n() >= 0.95, "held-out intent accuracy below 95 %: " + held.misses());
        assertTrue(held.flagsFound() / (double) held.flagsAsked() >= 0.9, "held-out flags below 90 %: " + held.misses());
    }
}
