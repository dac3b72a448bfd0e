package io.orderhub.alerting.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** Coupon issuance: L3 freezes it for an order. Base URL: {@code quarkus.rest-client.coupons.url}. */
@RegisterRestClient(configKey = "coupons")
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface CouponApi {
    @POST
    @Path("coupons/freeze")
    Uni<Map<String, Object>> freeze(FreezeRequest request);

    record FreezeRequest(String globalOrderId, String reason, String requestedBy) {
    }
}
