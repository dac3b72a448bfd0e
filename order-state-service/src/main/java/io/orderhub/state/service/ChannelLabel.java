package io.orderhub.state.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Optional {@code carrier} and {@code trackingNumber} beside the {@code OrderIngested} fields of an ingested
 * snapshot (an additive field the contract does not have yet): when a channel reports a shipment with its
 * tracking number, the order keeps it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelLabel(String carrier, String trackingNumber) {
    public static final ChannelLabel NONE = new ChannelLabel(null, null);
}
