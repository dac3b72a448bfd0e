package io.orderhub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.domain.mapping.ChannelMapping;
import io.orderhub.ingest.domain.mapping.JsonPaths;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The project's own test documents (compact bytes, as a platform sends them) and bundled mappings. */
public final class Fixtures {

    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    public static JsonNode json(String resource) {
        return JsonPaths.parse(bytes(resource));
    }

    /** The mapping shipped in src/main/resources/mappings/{channel}.json. */
    public static ChannelMapping bundledMapping(String channel) {
        return ChannelMapping.parse(json("/mappings/" + channel + ".json"));
    }

    private Fixtures() {
    }
}
