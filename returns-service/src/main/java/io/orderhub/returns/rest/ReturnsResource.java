package io.orderhub.returns.rest;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.returns.repository.KnownOrderLineRepository;
import io.orderhub.returns.repository.KnownOrderRepository;
import io.orderhub.returns.rest.ReturnDtos.ClassificationView;
import io.orderhub.returns.rest.ReturnDtos.ClassifyRequest;
import io.orderhub.returns.rest.ReturnDtos.CreateReturn;
import io.orderhub.returns.rest.ReturnDtos.Decision;
import io.orderhub.returns.rest.ReturnDtos.QualityCheck;
import io.orderhub.returns.rest.ReturnDtos.Received;
import io.orderhub.returns.rest.ReturnDtos.ReturnView;
import io.orderhub.returns.service.ReturnsService;
import io.orderhub.returns.service.WorkOrderPdf;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/returns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.CS, Roles.WAREHOUSE, Roles.ADMIN})
public class ReturnsResource {
    @Inject
    ReturnsService returns;
    @Inject
    WorkOrderPdf workOrders;
    @Inject
    KnownOrderRepository orders;
    @Inject
    KnownOrderLineRepository lines;
    @Inject
    SecurityIdentity identity;

    public record LineView(String sku, String title, int quantity, BigDecimal unitPrice, String currency) {
    }

    public record OrderStateView(String globalOrderId, String channel, String state, Instant updatedAt, Instant shippedAt,
            Instant deliveredAt, List<LineView> lines) {
    }

    /** Intent and flags of a customer message, without opening a return. */
    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    public ClassificationView classify(@Valid @NotNull(message = "send a JSON body such as {\"text\": \"不想退款,换个大一码\"}")
            ClassifyRequest request) {
        return ClassificationView.of(returns.classify(request.text()));
    }

    /** Opens a return from the customer's words: routed, risk-checked, then approved, rejected or sent to a person. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.ADMIN})
    public Uni<Response> create(@Valid @NotNull(message = "send a JSON body such as {\"globalOrderId\": \"OH2026XK9F2N1L\", \"text\": \"换大一码\"}")
            CreateReturn request) {
        return returns.create(request.toNew(), actor())
                .chain(r -> returns.details(r.id))
                .map(d -> Response.created(URI.create("/returns/" + d.request().id))
                        .entity(ReturnView.of(d.request(), d.history())).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ReturnView> get(@PathParam("id") UUID id) {
        return returns.details(id).map(d -> ReturnView.of(d.request(), d.history()));
    }

    /** A person decides a return in manual review: approve (optionally with intent / new SKU) or reject. */
    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.ADMIN})
    public Uni<ReturnView> decide(@PathParam("id") UUID id,
            @Valid @NotNull(message = "send a JSON body such as {\"approve\": true, \"intent\": \"RETURN_AND_REFUND\"}") Decision decision) {
        return returns.decide(id, decision.approve(), decision.intent(), decision.newSku(), decision.reason(), actor())
                .chain(r -> view(id));
    }

    /** The warehouse received the goods: the quality check is due within the configured deadline. */
    @POST
    @Path("/{id}/receive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<ReturnView> receive(@PathParam("id") UUID id, @Valid Received received) {
        return returns.receive(id, actor(), received == null ? null : received.note()).chain(r -> view(id));
    }

    /** The quality check's result: passed → refund or exchange shipment; failed → back to the customer. */
    @POST
    @Path("/{id}/qc")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<ReturnView> qualityCheck(@PathParam("id") UUID id,
            @Valid @NotNull(message = "send a JSON body such as {\"passed\": true, \"note\": \"tags on, unworn\"}") QualityCheck qc) {
        return returns.qualityCheck(id, qc.passed(), qc.note(), actor()).chain(r -> view(id));
    }

    /** The work order as a PDF: title, Code 128 barcode of the return id, and for an exchange the new SKU's label. */
    @GET
    @Path("/{id}/work-order.pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Uni<Response> workOrder(@PathParam("id") UUID id) {
        return returns.details(id)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(d -> Response.ok(workOrders.render(d.request()), "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"work-order-" + id + ".pdf\"").build());
    }

    /** The returns of one order, oldest first. */
    @GET
    @Path("/orders/{globalOrderId}/returns")
    public Uni<List<ReturnView>> forOrder(@PathParam("globalOrderId") String id) {
        return returns.forOrder(id).map(list -> list.stream().map(r -> ReturnView.of(r, null)).toList());
    }

    /** The lifecycle state and lines of an order as returns sees it (decides intercept vs return). */
    @GET
    @Path("/orders/{globalOrderId}")
    @WithSession
    public Uni<OrderStateView> order(@PathParam("globalOrderId") String id) {
        return orders.findById(id).chain(o -> {
            if (o == null) {
                throw ProblemException.notFound("order " + id + " has not been seen on the lifecycle topic");
            }
            return lines.forOrder(id).map(ls -> new OrderStateView(o.globalOrderId, o.channel, o.state, o.updatedAt,
                    o.shippedAt, o.deliveredAt, ls.stream()
                    .map(l -> new LineView(l.sku, l.title, l.quantity, l.unitPrice, l.currency)).toList()));
        });
    }

    private Uni<ReturnView> view(UUID id) {
        return returns.details(id).map(d -> ReturnView.of(d.request(), d.history()));
    }

    private String actor() {
        return identity == null || identity.isAnonymous() ? "user:anonymous" : "user:" + identity.getPrincipal().getName();
    }
}
