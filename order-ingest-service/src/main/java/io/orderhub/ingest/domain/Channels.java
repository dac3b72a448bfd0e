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

    public static final List<String> ALL = List.of(SHOPIFY, TAOBAO, JD, PDD, DOUYIN, XHS);

    /** {@code shopify:demo:5791234567890}: how a channel order is named beside its global id. */
    public static String channelId(String channel, String shop, String channelOrderId) {
        return channel + ":" + shop + ":" + channelOrderId;
    }

    private Channels() {
    }
}
