package io.orderhub.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A channel's stored mapping and who changed it last. */
public record MappingView(String channel, int version, String updatedBy, Instant updatedAt, JsonNode mapping) {
}
