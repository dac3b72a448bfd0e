package io.orderhub.reconciliation.rest;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.reconciliation.domain.HubOrder;
import io.orderhub.reconciliation.repository.DiscrepancyRepository;
import io.orderhub.reconciliation.repository.HubOrderRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.FINANCE, Roles.ADMIN})
public class ReconciliationResource {
    @Inject
    DiscrepancyRepository discrepancies;
    @Inject
    HubOrderRepository orders;

    public record DiscrepancyView(UUID id, String globalOrderId, String channel, String rule, String reason,
            String evidence, Instant foundAt, Instant resolvedAt, String resolutionNote) {
    }

    public record HubOrderView(String globalOrderId, String channel, String state, Instant paidAt,
            String trackingNumber, Instant updatedAt) {
        static HubOrderView of(HubOrder o) {
            return new HubOrderView(o.globalOrderId, o.channel, o.state, o.paidAt, o.trackingNumber, o.updatedAt);
        }
    }

    @GET
    @Path("discrepancies")
    @WithSession
    public Uni<List<DiscrepancyView>> discrepancies(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ProblemException.badRequest("page must be 0 or more and size between 1 and 500");
        }
        return discrepancies.findAll(Sort.descending("foundAt")).page(Page.of(page, size)).list()
                .map(list -> list.stream().map(d -> new DiscrepancyView(d.id, d.globalOrderId, d.channel, d.rule,
                        d.reason, d.evidence, d.foundAt, d.resolvedAt, d.resolutionNote)).toList());
    }

    /** The hub's side of one order, as reconciliation will compare it. */
    @GET
    @Path("hub-orders/{globalOrderId}")
    @WithSession
    public Uni<HubOrderView> hubOrder(@PathParam("globalOrderId") String id) {
        return orders.findById(id).map(o -> {
            if (o == null) {
                throw ProblemException.notFound("order " + id + " has not been seen on the lifecycle topic");
            }
            return HubOrderView.of(o);
        });
    }
}
