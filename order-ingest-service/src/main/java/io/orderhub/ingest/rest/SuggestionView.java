package io.orderhub.ingest.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A field the channel's mapping does not read: how often it was seen, an example value, and — when the
 * data supports one — the suggested mapping with the reason, waiting for an admin to confirm.
 */
public record SuggestionView(UUID id, String channel, String path, long occurrences, String sampleValue,
        String suggestedType, String reason, String status, String confirmedAs, Instant firstSeen, Instant lastSeen) {
}
