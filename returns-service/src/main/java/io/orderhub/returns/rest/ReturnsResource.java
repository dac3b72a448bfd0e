package io.orderhub.returns.rest;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.returns.repository.KnownOrderRepository;
import io.orderhub.returns.repository.ReturnRequestRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.UUID;

@Path("/returns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.CS, Roles.WAREHOUSE, Roles.ADMIN})
public class ReturnsResource {
    @Inject
    ReturnRequestRepository requests;
    @Inject
    KnownOrderRepository orders;

    public record ReturnView(UUID id, String globalOrderId, String intent, String status, Instant createdAt) {
    }

    public record OrderStateView(String globalOrderId, String channel, String state, Instant updatedAt) {
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<ReturnView> get(@PathParam("id") UUID id) {
        return requests.findById(id).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("no return request " + id);
            }
            return new ReturnView(r.id, r.globalOrderId, r.intent, r.status, r.createdAt);
        });
    }

    /** The lifecycle state of an order as returns sees it (decides intercept vs return). */
    @GET
    @Path("/orders/{globalOrderId}")
    @WithSession
    public Uni<OrderStateView> order(@PathParam("globalOrderId") String id) {
        return orders.findById(id).map(o -> {
            if (o == null) {
                throw ProblemException.notFound("order " + id + " has not been seen on the lifecycle topic");
            }
            return new OrderStateView(o.globalOrderId, o.channel, o.state, o.updatedAt);
        });
    }
}
