package io.orderhub.reconciliation.rest;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.reconciliation.domain.GrayState;
import io.orderhub.reconciliation.domain.HubOrder;
import io.orderhub.reconciliation.domain.Rules;
import io.orderhub.reconciliation.repository.HubOrderRepository;
import io.orderhub.reconciliation.service.DiscrepancyService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** What differs and why: discrepancies (paged, filtered, resolvable with a note) and the hub's side of an order. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.FINANCE, Roles.ADMIN})
public class ReconciliationResource {
    @Inject
    DiscrepancyService discrepancies;
    @Inject
    HubOrderRepository orders;
    @Inject
    SecurityIdentity identity;

    public record HubOrderView(String globalOrderId, String channel, String shop, String channelOrderId, String state,
            Set<String> holds, String holdReason, Instant paidAt, String carrier, String trackingNumber, Instant shippedAt,
            BigDecimal total, String currency, Instant updatedAt) {
        static HubOrderView of(HubOrder o) {
            return new HubOrderView(o.globalOrderId, o.channel, o.shop, o.channelOrderId, o.state, o.holdSet(), o.holdReason,
                    o.paidAt, o.carrier, o.trackingNumber, o.shippedAt, o.total, o.currency, o.updatedAt);
        }
    }

    /**
     * Discrepancies, newest first. {@code status}: open (default), resolved or all; {@code from}/{@code to}: ISO-8601
     * instants on the time it was found; {@code order}: a global id, an order key or a channel order id.
     */
    @GET
    @Path("discrepancies")
    public Uni<DiscrepancyPage> discrepancies(@QueryParam("channel") String channel, @QueryParam("rule") String rule,
            @QueryParam("grayState") String grayState, @QueryParam("order") String order,
            @QueryParam("status") @DefaultValue("open") String status, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ProblemException.badRequest("page must be 0 or more and size between 1 and 500");
        }
        if (rule != null && !Rules.ALL.contains(rule)) {
            throw ProblemException.badRequest("unknown rule '" + rule + "'; use one of " + Rules.ALL);
        }
        if (grayState != null && Arrays.stream(GrayState.values()).noneMatch(g -> g.name().equals(grayState))) {
            throw ProblemException.badRequest("unknown grayState '" + grayState + "'; use one of " + Arrays.toString(GrayState.values()));
        }
        String s = status.toLowerCase(Locale.ROOT);
        if (!Set.of("open", "resolved", "all").contains(s)) {
            throw ProblemException.badRequest("status must be open, resolved or all, not '" + status + "'");
        }
        return discrepancies.search(new DiscrepancyService.Filter(blank(channel), rule, grayState, blank(order), s,
                instant("from", from), instant("to", to)), page, size);
    }

    @GET
    @Path("discrepancies/{id}")
    public Uni<DiscrepancyView> discrepancy(@PathParam("id") UUID id) {
        return discrepancies.get(id);
    }

    /** Resolves an open discrepancy with a note saying what was done. */
    @POST
    @Path("discrepancies/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DiscrepancyView> resolve(@PathParam("id") UUID id,
            @Valid @NotNull(message = "send a JSON body such as {\"note\": \"refund confirmed with the platform\"}") ResolveRequest body) {
        String who = identity.getPrincipal() == null ? "unknown" : identity.getPrincipal().getName();
        return discrepancies.resolve(id, body.note(), who);
    }

    /** The hub's side of one order, as reconciliation compares it. */
    @GET
    @Path("hub-orders/{globalOrderId}")
    @WithSession
    public Uni<HubOrderView> hubOrder(@PathParam("globalOrderId") String id) {
        return orders.findById(id).map(o -> {
            if (o == null) {
                throw ProblemException.notFound("order " + id + " has not been seen on the lifecycle or ingested topics");
            }
            return HubOrderView.of(o);
        });
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-11-22T00:00:00Z, not '" + value + "'");
        }
    }
}
