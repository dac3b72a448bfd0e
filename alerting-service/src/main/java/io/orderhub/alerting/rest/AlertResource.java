package io.orderhub.alerting.rest;

import io.orderhub.alerting.domain.Alert;
import io.orderhub.alerting.domain.AlertKind;
import io.orderhub.alerting.domain.AlertStatus;
import io.orderhub.alerting.domain.Dispatch;
import io.orderhub.alerting.domain.Severity;
import io.orderhub.alerting.repository.AlertRepository;
import io.orderhub.alerting.service.AlertService;
import io.orderhub.alerting.service.AlertSpec;
import io.orderhub.alerting.service.DispatchService;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    @Inject
    AlertRepository alerts;
    @Inject
    AlertService service;
    @Inject
    DispatchService dispatches;
    @Inject
    SecurityIdentity identity;

    public record DeliveryView(UUID id, String channel, String kind, String action, String groupKey, int attempts,
            Instant nextAttemptAt, Instant deliveredAt, String lastError, Instant createdAt) {
        static DeliveryView of(Dispatch d) {
            return new DeliveryView(d.id, d.channel, d.kind, d.action, d.groupKey, d.attempts, d.nextAttemptAt, d.deliveredAt,
                    d.lastError, d.createdAt);
        }
    }

    /** Alerts, newest first; filter by {@code state} (FIRING, ACKNOWLEDGED, RESOLVED), {@code severity}, {@code kind}, {@code globalOrderId}. */
    @GET
    @WithSession
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<List<AlertView>> list(@QueryParam("state") String state, @QueryParam("severity") String severity,
            @QueryParam("kind") String kind, @QueryParam("globalOrderId") String globalOrderId) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (state != null && !state.isBlank()) {
            AlertStatus s = AlertStatus.parse(state);
            if (s == null) {
                throw ProblemException.badRequest("unknown state '" + state + "': use one of " + Arrays.toString(AlertStatus.values()));
            }
            where.add("status = :status");
            params.and("status", s);
        }
        if (severity != null && !severity.isBlank()) {
            Severity s = Severity.parse(severity);
            if (s == null) {
                throw ProblemException.badRequest("unknown severity '" + severity + "': use info, warning or critical");
            }
            where.add("severity = :severity");
            params.and("severity", s);
        }
        if (kind != null && !kind.isBlank()) {
            where.add("kind = :kind");
            params.and("kind", kind);
        }
        if (globalOrderId != null && !globalOrderId.isBlank()) {
            where.add("globalOrderId = :order");
            params.and("order", globalOrderId);
        }
        Uni<List<Alert>> found = where.isEmpty() ? alerts.listAll(Sort.descending("raisedAt"))
                : alerts.list(String.join(" and ", where), Sort.descending("raisedAt"), params);
        return found.map(list -> list.stream().map(a -> AlertView.of(a, service.labels(a.labels))).toList());
    }

    @GET
    @Path("{id}")
    @WithSession
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<AlertView> get(@PathParam("id") UUID id) {
        return alerts.findById(id).map(a -> {
            if (a == null) {
                throw ProblemException.notFound("no alert " + id + ": list them with GET /alerts");
            }
            return AlertView.of(a, service.labels(a.labels));
        });
    }

    /** Someone is on it: the alert stops escalating. */
    @POST
    @Path("{id}/ack")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<AlertView> ack(@PathParam("id") UUID id) {
        String by = identity.getPrincipal().getName();
        return Panache.withTransaction(() -> service.acknowledge(id, by)).map(a -> AlertView.of(a, service.labels(a.labels)));
    }

    @POST
    @Path("{id}/resolve")
    @RolesAllowed({Roles.OPS, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<AlertView> resolve(@PathParam("id") UUID id) {
        String by = identity.getPrincipal().getName();
        return Panache.withTransaction(() -> service.resolveId(id, by)).map(a -> AlertView.of(a, service.labels(a.labels)));
    }

    /** Pages a team by hand (same channels, dedup and silences as every other alert). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<RestResponse<AlertView>> raise(@Valid @NotNull(message = "send a JSON body with severity, team and summary")
            Requests.ManualAlert body) {
        Severity severity = Severity.parse(body.severity());
        if (severity == null) {
            throw ProblemException.badRequest("unknown severity '" + body.severity() + "': use info, warning or critical");
        }
        String key = body.dedupeKey() == null || body.dedupeKey().isBlank() ? "manual:" + UUID.randomUUID() : "manual:" + body.dedupeKey();
        AlertSpec spec = AlertSpec.of(key, AlertKind.MANUAL, severity, body.team(), body.globalOrderId(), body.summary(),
                Map.of("raised_by", identity.getPrincipal().getName()));
        return Panache.withTransaction(() -> service.raise(spec))
                .map(a -> RestResponse.status(RestResponse.Status.CREATED, AlertView.of(a, service.labels(a.labels))));
    }

    /** Every delivery of one alert to its channels and actions: attempts, errors, when delivered. */
    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<List<DeliveryView>> deliveries(@PathParam("id") UUID id) {
        return dispatches.list(false, id).map(l -> l.stream().map(DeliveryView::of).toList());
    }
}
