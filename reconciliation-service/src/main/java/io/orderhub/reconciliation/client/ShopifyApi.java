package io.orderhub.reconciliation.client;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/**
 * Shopify's Admin REST API; {@code endpoint} is the full URL (each shop has its own host,
 * {@code https://<shop>.myshopify.com/admin/api/<version>/orders.json}). Only {@link ShopifyClient} calls it.
 */
@RegisterRestClient(configKey = "shopify")
interface ShopifyApi {
    @GET
    Uni<Response> get(@Url String endpoint, @RestQuery Map<String, String> query,
            @HeaderParam("X-Shopify-Access-Token") String accessToken);
}
