package io.orderhub.reconciliation.client;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Map;

/**
 * The Chinese marketplaces' open APIs: signed form posts (Taobao TOP, JD JOS, Pinduoduo POP) and JSON posts (Douyin,
 * Xiaohongshu); {@code url} is the full URL of the shop's gateway. Only {@link MarketplaceClient} calls it.
 */
@RegisterRestClient(configKey = "marketplace")
interface MarketplaceApi {
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> form(@Url String url, MultivaluedMap<String, String> form);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> json(@Url String url, @RestQuery Map<String, String> query, String body);
}
