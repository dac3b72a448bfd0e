package io.orderhub.reconciliation.rest;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.reconciliation.repository.ReconRunRepository;
import io.orderhub.reconciliation.service.RunCoordinator;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Runs: start one now, see what each did. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.FINANCE, Roles.ADMIN})
public class RunResource {
    @Inject
    RunCoordinator coordinator;
    @Inject
    ReconRunRepository runs;

    /**
     * Runs now: 202 with the run's id at once, or with {@code wait=true} 200 with the finished run. A run already going
     * is not interrupted: this one starts right after it (and requests made meanwhile share it).
     */
    @POST
    public Uni<Response> run(@QueryParam("wait") @DefaultValue("false") boolean wait) {
        RunCoordinator.Ticket t = coordinator.request(RunCoordinator.MANUAL);
        URI location = URI.create("/runs/" + t.id());
        if (!wait) {
            return Uni.createFrom().item(Response.accepted(RunView.queued(t.id(), t.trigger(),
                    coordinator.isRunning(t.id()) ? "RUNNING" : "QUEUED", t.requestedAt())).location(location).build());
        }
        return Uni.createFrom().completionStage(t.done()).ifNoItem().after(Duration.ofMinutes(10))
                .failWith(() -> ProblemException.conflict("run " + t.id() + " has not finished within 10 minutes; GET " + location
                        + " shows how it goes"))
                .map(run -> Response.ok(RunView.of(run)).location(location).build());
    }

    @GET
    @WithSession
    public Uni<List<RunView>> recent(@QueryParam("trigger") String trigger, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw ProblemException.badRequest("page must be 0 or more and size between 1 and 200");
        }
        var query = trigger == null || trigger.isBlank() ? runs.findAll(Sort.descending("startedAt"))
                : runs.find("trigger", Sort.descending("startedAt"), trigger.strip().toUpperCase(java.util.Locale.ROOT));
        return query.page(Page.of(page, size)).list().map(list -> list.stream().map(RunView::of).toList());
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<RunView> get(@PathParam("id") UUID id) {
        return runs.findById(id).map(run -> {
            if (run != null) {
                return RunView.of(run);
            }
            return coordinator.pending(id).map(t -> RunView.queued(t.id(), t.trigger(),
                            coordinator.isRunning(id) ? "RUNNING" : "QUEUED", t.requestedAt()))
                    .orElseThrow(() -> ProblemException.notFound("no run " + id + "; GET /runs lists the recent ones"));
        });
    }
}
