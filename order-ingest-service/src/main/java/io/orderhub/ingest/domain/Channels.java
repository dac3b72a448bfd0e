package io.orderhub.ingest.domain;

import java.util.List;

/** The channel names used in paths ({@code /webhooks/{channel}/{shop}}), channel ids and mappings. */
public final class Channels {
    public static final String SHOPIFY = "shopify";
    public static final String TAOBAO = "taobao";
    public static final String JD = "jd";
    public static final String PDD = "pdd";
    public static final String DOUYIN = "douyin";
    public static final String XHS = "xhs";
    /** The generic channel: a retailer's own mini-program or app, in the hub's own documented format (README). */
    public static final String APP = "app";

    public static final List<String> ALL = List.of(SHOPIFY, TAOBAO, JD, PDD, DOUYIN, XHS, APP);

    /**
     * What is wrong with a push's {@code Content-Type} for this channel, or null if it is fine: JSON pushes
     * (Shopify, Taobao, Douyin, Xiaohongshu, the generic app channel) must be {@code application/json}; JD and Pinduoduo push forms
     * ({@code application/x-www-form-urlencoded}, or a JSON document with the signed parameters in the query).
     */
    /**
     * Channels whose redelivery of an un-acknowledged message re-signs it with the current send time (the Pinduoduo
     * PMC frame's {@code sendTime}/signature, JD's pushes): the same delivery id with other bytes is their retry,
     * not a conflicting delivery.
     */
    public static boolean resignsRetries(String channel) {
        return PDD.equals(channel) || JD.equals(channel);
    }

    public static String mediaTypeProblem(String channel, String contentType) {
        boolean form = channel.equals(JD) || channel.equals(PDD);
        String expected = form ? "application/x-www-form-urlencoded (or application/json)" : "application/json";
        if (contentType == null || contentType.isBlank()) {
            return "the push has no Content-Type: send it as " + expected;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        boolean json = type.equals("application/json") || type.endsWith("+json");
        if (json || (form && type.equals("application/x-www-form-urlencoded"))) {
            return null;
        }
        return "Content-Type " + type + " is not accepted on " + channel + " pushes: send " + expected;
    }

    /** {@code shopify:demo:5791234567890}: how a channel order is named beside its global id. */
    public static String channelId(String channel, String shop, String channelOrderId) {
        return channel + ":" + shop + ":" + channelOrderId;
    }

    private Channels() {
    }
}
