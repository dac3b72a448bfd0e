package io.orderhub.ingest.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.ingest.domain.mapping.JsonPaths;

import java.util.ArrayList;
import java.util.List;

/** Small JSON helpers shared by the pullers. */
final class Pullers {

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    static ObjectNode object() {
        return JsonPaths.PAYLOADS.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JsonPaths.PAYLOADS.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node) {
        try {
            return JsonPaths.PAYLOADS.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Strips a trailing slash so that paths can be appended. */
    static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Pullers() {
    }
}
