package io.orderhub.k8s.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/**
 * A render of the chart read back as typed objects: fabric8's Kubernetes model, fabric8's Prometheus-operator
 * model, Strimzi's KafkaTopic, and {@link CnpgCluster}. A document whose apiVersion/kind has no typed model, or
 * that carries any field the model does not know (which fabric8 and Strimzi would otherwise keep quietly in
 * {@code additionalProperties}), fails the parse with the path of the field. So a typo such as
 * {@code readinesProbe} or {@code securityContext.runAsNonroot} cannot pass.
 */
public final class Manifests {

    /** apiVersion + "/" + kind -> model. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CnpgCluster.class));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** One rendered document: its source template, its raw tree, and its typed object. */
    public record Doc(String source, JsonNode tree, Object object) {
        public String kind() {
            return tree.path("kind").asText();
        }

        public String name() {
            return tree.path("metadata").path("name").asText();
        }
    }

    private final List<Doc> docs;

    private Manifests(List<Doc> docs) {
        this.docs = docs;
    }

    public static Manifests parse(String rendered) {
        List<Doc> docs = new ArrayList<>();
        for (String chunk : rendered.split("(?m)^---\\s*$")) {
            if (chunk.isBlank() || chunk.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            String source = chunk.lines().filter(l -> l.startsWith("# Source: ")).findFirst()
                    .map(l -> l.substring("# Source: ".length())).orElse("?");
            JsonNode tree;
            try {
                tree = YAML.readTree(chunk);
            } catch (IOException e) {
                throw new AssertionError(source + " is not valid YAML: " + e.getMessage() + "\n" + chunk, e);
            }
            String type = tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
            Class<?> model = MODELS.get(type);
            if (model == null) {
                throw new AssertionError(source + " renders " + type + ", which has no typed model in Manifests.MODELS");
            }
            Object object;
            try {
                object = MAPPER.treeToValue(tree, model);
            } catch (IOException e) {
                throw new AssertionError(source + " (" + type + " " + tree.path("metadata").path("name").asText()
                        + ") does not fit " + model.getSimpleName() + ": " + e.getMessage(), e);
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(object, type, unknown, new IdentityHashMap<>());
            if (!unknown.isEmpty()) {
                throw new AssertionError(source + " (" + type + " " + tree.path("metadata").path("name").asText()
                        + ") has fields its API does not know: " + unknown);
            }
            docs.add(new Doc(source, tree, object));
        }
        return new Manifests(docs);
    }

    /** Walks the typed object graph and collects every non-empty {@code additionalProperties}. */
    static void unknownFields(Object value, String path, List<String> found, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof JsonNode || seen.containsKey(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, found, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8") || pkg.startsWith("io.strimzi") || pkg.startsWith("io.orderhub"))) {
            return;
        }
        seen.put(value, Boolean.TRUE);
        if (value instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    unknownFields(component.getAccessor().invoke(record), path + "." + component.getName(), found, seen);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object result;
            try {
                result = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (property.equals("additionalProperties")) {
                if (result instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else {
                unknownFields(result, path + "." + property, found, seen);
            }
        }
    }

    public List<Doc> docs() {
        return docs;
    }

    public <T> List<T> all(Class<T> type) {
        return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast).toList();
    }

    public <T> T one(Class<T> type, String name) {
        return docs.stream().filter(d -> type.isInstance(d.object()) && d.name().equals(name))
                .map(d -> type.cast(d.object())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " named " + name
                        + " in the render; there are " + names(type)));
    }

    public Set<String> names(Class<?> type) {
        Set<String> names = new TreeSet<>();
        docs.stream().filter(d -> type.isInstance(d.object())).forEach(d -> names.add(d.name()));
        return names;
    }

    public Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        docs.forEach(d -> kinds.add(d.kind()));
        return kinds;
    }

    public static ObjectMeta meta(Object object) {
        if (object instanceof io.fabric8.kubernetes.api.model.HasMetadata hasMetadata) {
            return hasMetadata.getMetadata();
        }
        if (object instanceof CnpgCluster cluster) {
            return cluster.metadata();
        }
        throw new IllegalArgumentException(object.getClass().getName());
    }
}
