package io.orderhub.ingest.rest;

import io.orderhub.ingest.service.ChannelOrderService;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The identity map: a channel order's global id and all its channel ids. */
@Path("/channel-orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
public class ChannelOrderResource {
    @Inject
    ChannelOrderService service;

    @GET
    @Path("/{channel}/{shop}/{channelOrderId}")
    public Uni<ChannelOrderView> get(@PathParam("channel") String channel, @PathParam("shop") String shop,
            @PathParam("channelOrderId") String channelOrderId) {
        return service.byChannelId(channel, shop, channelOrderId);
    }

    /** {@code GET /channel-orders?globalOrderId=OH2026…}: every channel id of a global order. */
    @GET
    public Uni<ChannelOrderView> byGlobalId(@QueryParam("globalOrderId") String globalOrderId) {
        if (globalOrderId == null || globalOrderId.isBlank()) {
            throw ProblemException.badRequest("give ?globalOrderId=OH…, or use /channel-orders/{channel}/{shop}/{channelOrderId}");
        }
        return service.byGlobalId(globalOrderId);
    }
}
