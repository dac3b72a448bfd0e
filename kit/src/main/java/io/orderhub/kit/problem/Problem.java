package io.orderhub.kit.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7807 problem details. {@code detail} says what to fix. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(URI.create("about:blank"), title, status, detail, null, Map.of());
    }

    public Problem with(String name, Object value) {
        Map<String, Object> ext = new LinkedHashMap<>(extensions);
        ext.put(name, value);
        return new Problem(type, title, status, detail, instance, ext);
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions;
    }
}
