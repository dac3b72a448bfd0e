package io.orderhub.state.client;

/** A shop's API credentials on its channel, and where that channel's API is. */
public record ChannelCredential(String channel, String shop, String baseUrl, String appKey, String secret, String accessToken) {
}
