package io.orderhub.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.orderhub.k8s.support.CnpgCluster;
import io.orderhub.k8s.support.Manifests;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed reading of a render refuses what the API server would not understand. */
class ManifestsTest {

    static final String DEPLOYMENT = """
            ---
            # Source: orderhub/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: web:1
                      %s
            """;

    @Test
    void aValidDocumentIsReadAsItsTypedModel() {
        Manifests m = Manifests.parse(DEPLOYMENT.formatted("readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}}"));
        Deployment d = m.one(Deployment.class, "web");
        assertEquals("/q/health/ready", d.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPath());
        assertEquals("orderhub/templates/deployment.yaml", m.docs().get(0).source());
    }

    @Test
    void aMisspelledFieldIsRefusedWithItsPath() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Manifests.parse(DEPLOYMENT.formatted("readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}")));
        assertTrue(e.getMessage().contains("spec.template.spec.containers[0].readinesProbe"), e.getMessage());
    }

    @Test
    void aMisspelledNestedFieldIsRefused() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Manifests.parse(DEPLOYMENT.formatted("securityContext: {runAsNonroot: true}")));
        assertTrue(e.getMessage().contains("securityContext.runAsNonroot"), e.getMessage());
    }

    @Test
    void aDuplicateKeyIsRefused() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Manifests.parse(DEPLOYMENT.formatted("image: web:2")));
        assertTrue(e.getMessage().contains("Duplicate field 'image'"), e.getMessage());
    }

    @Test
    void aKindWithoutATypedModelIsRefused() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Manifests.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: x}\n"));
        assertTrue(e.getMessage().contains("v1/Secret"), e.getMessage());
    }

    @Test
    void customResourcesAreCheckedToo() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: c}}
                spec: {topicName: t, partitions: 3, replicas: 3, %s: {retention.ms: 1000}}
                """;
        assertEquals(3, Manifests.parse(topic.formatted("config")).all(KafkaTopic.class).get(0).getSpec().getPartitions());
        AssertionError e = assertThrows(AssertionError.class, () -> Manifests.parse(topic.formatted("configs")));
        assertTrue(e.getMessage().contains("configs"), e.getMessage());

        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec: {instances: 2, storage: {%s: 1Gi}}
                """;
        assertEquals("1Gi", Manifests.parse(cluster.formatted("size")).all(CnpgCluster.class).get(0).spec().storage().size());
        AssertionError wrong = assertThrows(AssertionError.class, () -> Manifests.parse(cluster.formatted("sizee")));
        assertTrue(wrong.getMessage().contains("sizee"), wrong.getMessage());
    }
}
