package io.orderhub.state.client;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/**
 * The marketplaces' HTTP APIs, as the three request shapes they use: GET with a query (Shopify), a signed form POST
 * (Taobao TOP, JD JOS, Pinduoduo POP) and a JSON POST with an optional signed query (Douyin, Xiaohongshu, Shopify
 * fulfillments), and the generic app channel's JSON POST signed in {@code X-OrderHub-*} headers. {@code endpoint} is the full URL of the platform API (per channel from
 * {@code orderhub.state.write-back.urls}); timeouts come from {@code quarkus.rest-client.marketplace.*}. Only
 * {@link MarketplaceGateway} calls it, wrapped with timeout, retry, circuit breaker and fallback.
 */
@RegisterRestClient(configKey = "marketplace")
interface MarketplaceApi {

    @GET
    Uni<Response> get(@Url String endpoint, @RestQuery Map<String, String> query,
            @HeaderParam("X-Shopify-Access-Token") String shopifyAccessToken);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> postForm(@Url String endpoint, MultivaluedMap<String, String> form);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> postJson(@Url String endpoint, @RestQuery Map<String, String> query,
            @HeaderParam("X-Shopify-Access-Token") String shopifyAccessToken, String body);

    /** The body goes as these exact bytes: the app checks the signature over them. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> postSignedJson(@Url String endpoint, @HeaderParam("X-OrderHub-Timestamp") String timestamp,
            @HeaderParam("X-OrderHub-Signature") String signature, @HeaderParam("X-OrderHub-Delivery-Id") String deliveryId,
            @HeaderParam("X-OrderHub-Event") String event, byte[] body);
}
