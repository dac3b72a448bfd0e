package io.orderhub.ingest.rest;

import java.time.Instant;
import java.util.List;

/** A global order id with every channel id it stands for ({@code shopify:demo:5791234567890}). */
public record ChannelOrderView(String globalOrderId, List<String> channelIds, Instant channelUpdatedAt) {
}
