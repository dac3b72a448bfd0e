package io.orderhub.alerting.rest;

import io.orderhub.alerting.service.DispatchService;
import io.orderhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Deliveries to alert channels and calls to external systems; {@code ?pending=true} shows those still being retried. */
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class DeliveryResource {
    @Inject
    DispatchService dispatches;

    @GET
    public Uni<List<AlertResource.DeliveryView>> list(@QueryParam("pending") boolean pending) {
        return dispatches.list(pending, null).map(l -> l.stream().map(AlertResource.DeliveryView::of).toList());
    }
}
