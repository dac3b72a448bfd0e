package io.orderhub.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One channel order (channel + shop + channel order id) and the global id it was given once.
 * {@code channelUpdatedAt} is the channel's newest modification time published so far.
 */
@Entity
@Table(name = "channel_order")
@IdClass(ChannelOrder.Key.class)
public class ChannelOrder {
    @Id
    public String channel;
    @Id
    public String shop;
    @Id
    @Column(name = "channel_order_id")
    public String channelOrderId;
    @Column(name = "global_order_id")
    public String globalOrderId;
    @Column(name = "channel_updated_at")
    public Instant channelUpdatedAt;
    @Column(name = "last_raw_payload_id")
    public UUID lastRawPayloadId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public String channelId() {
        return Channels.channelId(channel, shop, channelOrderId);
    }

    public static class Key implements Serializable {
        public String channel;
        public String shop;
        public String channelOrderId;

        public Key() {
        }

        public Key(String channel, String shop, String channelOrderId) {
            this.channel = channel;
            this.shop = shop;
            this.channelOrderId = channelOrderId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(channel, k.channel) && Objects.equals(shop, k.shop)
                    && Objects.equals(channelOrderId, k.channelOrderId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channel, shop, channelOrderId);
        }
    }
}
