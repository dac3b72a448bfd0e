package io.orderhub.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The signing secret (and app key, for schemes that sign it) of one shop on one channel. */
@Entity
@Table(name = "shop_credential")
@IdClass(ShopCredential.Key.class)
public class ShopCredential {
    @Id
    public String channel;
    @Id
    public String shop;
    public String secret;
    @Column(name = "app_key")
    public String appKey;
    /** The API access token (Taobao session, JD/PDD/Douyin access_token, XHS accessToken, Shopify access token). */
    @Column(name = "access_token")
    public String accessToken;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public String channel;
        public String shop;

        public Key() {
        }

        public Key(String channel, String shop) {
            this.channel = channel;
            this.shop = shop;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(channel, k.channel) && Objects.equals(shop, k.shop);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channel, shop);
        }
    }
}
