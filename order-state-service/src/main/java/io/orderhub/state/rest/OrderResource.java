package io.orderhub.state.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.state.domain.ServiceOptions;
import io.orderhub.state.service.Action;
import io.orderhub.state.service.OrderService;
import io.orderhub.state.service.OutboundService;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.Arrays;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    static final int MAX_PAGE_SIZE = 200;

    @Inject
    OrderService service;
    @Inject
    SecurityIdentity identity;
    @Inject
    ObjectMapper mapper;
    @Inject
    OutboundService outbound;

    /** State, holds, conditions, lines, amounts, channel ids, carrier, tracking number, health score. */
    @GET
    @Path("/{globalOrderId}")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<OrderView> get(@PathParam("globalOrderId") String globalOrderId) {
        return service.get(globalOrderId);
    }

    /** Every transition, gap-filled step, refusal, hold and condition change, oldest first. */
    @GET
    @Path("/{globalOrderId}/timeline")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<List<TimelineEntry>> timeline(@PathParam("globalOrderId") String globalOrderId) {
        return service.timeline(globalOrderId);
    }

    /**
     * Search by state, channel, hold and placement time (each optional; {@code from} inclusive, {@code to} exclusive,
     * ISO-8601 instants or dates), newest first, {@code page} from 0.
     */
    @GET
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<OrderPage> search(@QueryParam("state") String state, @QueryParam("channel") String channel,
            @QueryParam("hold") String hold, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ProblemException.badRequest("from (" + since + ") must be before to (" + until + ")");
        }
        if (page < 0) {
            throw ProblemException.badRequest("page counts from 0; got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE + "; got " + size);
        }
        return service.search(parse("state", state, OrderState.class), blank(channel) ? null : channel.strip(),
                parse("hold", hold, Hold.class), since, until, page, size);
    }

    /** {@code 2026-11-11T00:00:00Z}, {@code 2026-11-11T08:00:00+08:00} or a date {@code 2026-11-11} (its start, UTC). */
    private static Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 time with an offset (2026-11-11T00:00:00Z, "
                    + "2026-11-11T08:00:00+08:00) or a date (2026-11-11); got '" + v + "'");
        }
    }

    /** The customer-service decision tree: for an intent, which actions are allowed now and why. */
    @GET
    @Path("/{globalOrderId}/options")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<OptionsView> options(@PathParam("globalOrderId") String globalOrderId, @QueryParam("intent") String intent) {
        ServiceOptions.Intent parsed = ServiceOptions.Intent.parse(intent).orElseThrow(() -> ProblemException.badRequest(
                "intent must be one of " + Arrays.stream(ServiceOptions.Intent.values()).map(i -> i.wire)
                        .collect(Collectors.joining(", ")) + (intent == null ? "" : "; got '" + intent + "'")));
        return service.options(globalOrderId, parsed);
    }

    /**
     * {@code print-label} ({"carrier","trackingNumber"}; warehouse, ops, admin), {@code ship} (optional
     * {"trackingNumber"}), {@code deliver}, {@code intercept}, {@code cancel}. 200 with the order; an
     * illegal action is a 409 problem saying why, and the refusal is recorded in the timeline.
     */
    @POST
    @Path("/{globalOrderId}/actions/{action}")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.WAREHOUSE, Roles.ADMIN})
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequest.class)))
    public Uni<OrderView> act(@PathParam("globalOrderId") String globalOrderId, @PathParam("action") String action,
            String rawBody) throws JsonProcessingException {
        Action parsed = Action.parse(action).orElseThrow(() -> ProblemException.notFound("unknown action '" + action
                + "'; use one of " + Action.names()));
        if (parsed.roles.stream().noneMatch(identity::hasRole)) {
            throw new ForbiddenException(action + " needs one of the roles " + parsed.roles);
        }
        // the body is optional (curl -X POST .../actions/deliver sends none, and no Content-Type): read it ourselves
        ActionRequest body = rawBody == null || rawBody.isBlank() ? null : mapper.readValue(rawBody, ActionRequest.class);
        // after the commit: send what the action asked for (a write-back of the shipment, a warehouse intercept)
        return service.act(globalOrderId, parsed, body, actor()).invoke(ignored -> outbound.kick()).map(result -> {
            if (result.refusal() != null) {
                throw ProblemException.conflict(result.refusal())
                        .with("globalOrderId", globalOrderId)
                        .with("state", result.order().state())
                        .with("action", parsed.wire);
            }
            return result.order();
        });
    }

    /** Places a hold (recorded, announced as {@code orderhub.order.held.v1}). */
    @POST
    @Path("/{globalOrderId}/holds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.ADMIN})
    public Uni<OrderView> hold(@PathParam("globalOrderId") String globalOrderId,
            @Valid @NotNull(message = "send a JSON body such as {\"hold\": \"RISK_REVIEW\", \"reason\": \"...\"}") HoldRequest body) {
        return service.placeHold(globalOrderId, body.hold(), body.reason(), actor());
    }

    /** Releases a hold ({@code orderhub.order.hold-released.v1}); {@code reason} is kept in the timeline. */
    @DELETE
    @Path("/{globalOrderId}/holds/{hold}")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<OrderView> release(@PathParam("globalOrderId") String globalOrderId, @PathParam("hold") String hold,
            @QueryParam("reason") String reason) {
        Hold parsed = parse("hold", hold, Hold.class);
        if (parsed == null) {
            throw ProblemException.badRequest("name the hold to release: one of " + Arrays.toString(Hold.values()));
        }
        return service.releaseHold(globalOrderId, parsed, reason, actor());
    }

    private String actor() {
        return "user:" + identity.getPrincipal().getName();
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + "; got '" + value + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
