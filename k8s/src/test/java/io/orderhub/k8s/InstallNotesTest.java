package io.orderhub.k8s;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.orderhub.k8s.support.Chart;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code helm install --dry-run=client}: the install goes through, and NOTES.txt tells the operator what is next. */
class InstallNotesTest {

    static String notes(String valueSet) {
        Path values = Chart.ciValues(valueSet);
        Release release = new Helm(Chart.dir()).install()
                .withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE).withKubeVersion(Chart.KUBE_VERSION)
                .dryRun().withDryRunOption(DryRun.CLIENT).clientOnly()
                .withValuesFile(values)
                .call();
        assertEquals(Chart.RELEASE, release.getName());
        String output = release.getOutput();
        int notes = output.indexOf("NOTES:");
        assertTrue(notes >= 0, "the install prints NOTES");
        return output.substring(notes);
    }

    @Test
    void withExistingSecretsTheNotesNameEachSecretAndItsKeys() {
        String notes = notes("minimal-values.yaml");
        for (String shortName : ChartResourcesTest.SHORT.values()) {
            assertTrue(notes.contains("Secret orderhub-" + shortName + "-db"), "names the Secret of " + shortName + ":\n" + notes);
        }
        assertTrue(notes.contains("reactive-url, jdbc-url, username, password"), notes);
        assertTrue(notes.contains("https://hooks.example.com/webhooks/<channel>/<shop>"), notes);
        assertTrue(notes.contains("WARNING: ingress.tls.enabled=false"), notes);
        assertTrue(notes.contains("No shop is registered, so every webhook is refused with 401"), notes);
        assertTrue(notes.contains("monitoring.prometheusRule.enabled=false: no alert fires"), notes);
    }

    @Test
    void withCloudNativePgAndShopsTheNotesSayWhatIsThere() {
        String notes = notes("production-values.yaml");
        assertTrue(notes.contains("CloudNativePG creates one cluster per service"), notes);
        assertFalse(notes.contains("create secret generic"), notes);
        assertTrue(notes.contains("https://hooks.acme-retail.example/webhooks/<channel>/<shop>   (POST only; bodies up to 4 MiB)"), notes);
        assertFalse(notes.contains("WARNING"), notes);
        assertTrue(notes.contains("shopify/acme\n"), notes);
        assertTrue(notes.contains("douyin/acme-flagship\n"), notes);
        assertTrue(notes.contains("PrometheusRule orderhub"), notes);
    }
}
