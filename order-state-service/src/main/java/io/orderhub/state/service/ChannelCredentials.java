package io.orderhub.state.service;

import io.orderhub.state.client.ChannelCredential;
import io.orderhub.state.config.StateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The shops' API credentials for write-back, from configuration (secrets from the environment). */
@ApplicationScoped
public class ChannelCredentials {
    @Inject
    StateConfig config;

    /** The shop's credentials on the channel, or null if none are configured. */
    public ChannelCredential of(String channel, String shop) {
        StateConfig.Outbound outbound = config.outbound();
        for (StateConfig.Shop s : outbound.shops().values()) {
            if (s.channel().equals(channel) && s.shop().equals(shop)) {
                return new ChannelCredential(channel, shop, url(channel, shop), s.appKey(), s.secret(), s.accessToken());
            }
        }
        StateConfig.DemoShop demo = outbound.demoShop();
        if (demo.enabled() && demo.name().equals(shop)) {
            return new ChannelCredential(channel, shop, url(channel, shop), demo.appKey(), demo.secret(), demo.accessToken());
        }
        return null;
    }

    private String url(String channel, String shop) {
        String url = config.outbound().urls().get(channel);
        if (url == null) {
            url = switch (channel) {
                case "shopify" -> "http://localhost:8090/shopify/{shop}";
                case "app" -> "http://localhost:8090/app/{shop}";
                default -> "http://localhost:8090";
            };
        }
        return url.replace("{shop}", shop);
    }
}
