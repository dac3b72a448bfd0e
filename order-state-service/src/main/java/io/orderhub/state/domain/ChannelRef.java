package io.orderhub.state.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A platform id of an order: {@code channel:shop:channelOrderId}, e.g. {@code shopify:demo:5791234567890}. */
@Entity
@Table(name = "order_channel_id")
public class ChannelRef {
    @Id
    @Column(name = "channel_ref")
    public String ref;
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    public String shop;
    @Column(name = "channel_order_id")
    public String channelOrderId;
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    public static String ref(String channel, String shop, String channelOrderId) {
        return channel + ":" + shop + ":" + channelOrderId;
    }
}
