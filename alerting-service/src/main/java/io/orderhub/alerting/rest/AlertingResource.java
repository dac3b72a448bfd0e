package io.orderhub.alerting.rest;

import io.orderhub.alerting.repository.AlertRepository;
import io.orderhub.alerting.repository.BreakerRepository;
import io.orderhub.alerting.repository.SlaClockRepository;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
public class AlertingResource {
    @Inject
    AlertRepository alerts;
    @Inject
    BreakerRepository breaker;
    @Inject
    SlaClockRepository clocks;

    @GET
    @Path("alerts")
    @WithSession
    public Uni<List<AlertView>> alerts() {
        return alerts.listAll(Sort.descending("raisedAt")).map(list -> list.stream().map(AlertView::of).toList());
    }

    @GET
    @Path("breaker")
    @WithSession
    public Uni<Map<String, Object>> breaker() {
        return breaker.findById((short) 1).map(b -> Map.<String, Object>of("state", b.state, "reason", b.reason,
                "changedAt", b.changedAt));
    }

    /** The ship-by clock of one order. */
    @GET
    @Path("sla-clocks/{globalOrderId}")
    @WithSession
    public Uni<SlaClockView> clock(@PathParam("globalOrderId") String id) {
        return clocks.findById(id).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("no SLA clock for order " + id + ": it has not been paid yet, or is unknown");
            }
            return SlaClockView.of(c);
        });
    }

}
