package io.orderhub.inventory.rest;

import io.orderhub.inventory.repository.ReservationRepository;
import io.orderhub.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationResource {
    @Inject
    ReservationRepository reservations;

    /** The reservations of one order, one per line, with their funding and status. */
    @GET
    @Path("/{globalOrderId}")
    @WithSession
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<List<ReservationView>> forOrder(@PathParam("globalOrderId") String globalOrderId) {
        return reservations.forOrder(globalOrderId).map(list -> list.stream().map(ReservationView::of).toList());
    }
}
