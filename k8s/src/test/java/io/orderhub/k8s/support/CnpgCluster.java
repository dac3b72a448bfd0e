package io.orderhub.k8s.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * CloudNativePG {@code postgresql.cnpg.io/v1 Cluster}, typed by hand from the operator's API reference (there is no
 * Java model of it on Maven Central): only the fields the chart may set; anything else is an unknown field and
 * fails the parse.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(Integer instances, String imageName, Storage storage, ResourceRequirements resources,
                       Bootstrap bootstrap, Monitoring monitoring) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Storage(String size, String storageClass) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bootstrap(InitDb initdb) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InitDb(String database, String owner) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Monitoring(Boolean enablePodMonitor) {
    }
}
