package io.orderhub.alerting.rest;

import io.orderhub.alerting.domain.Severity;
import io.orderhub.alerting.domain.Silence;
import io.orderhub.alerting.domain.Times;
import io.orderhub.alerting.repository.SilenceRepository;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Silences: matching alerts are still recorded (and announced on Kafka) but not sent, until the silence ends. */
@Path("/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {
    @Inject
    SilenceRepository silences;
    @Inject
    SecurityIdentity identity;

    public record SilenceView(UUID id, String kind, String severity, String team, String globalOrderId, String dedupeKeyPrefix,
            String reason, String createdBy, Instant startsAt, Instant endsAt, boolean active) {
        static SilenceView of(Silence s) {
            return new SilenceView(s.id, s.kind, s.severity, s.team, s.globalOrderId, s.dedupeKeyPrefix, s.reason, s.createdBy,
                    s.startsAt, s.endsAt, s.activeAt(Times.now()));
        }
    }

    /** Silences, newest first; {@code ?active=true} only those in force now. */
    @GET
    @WithSession
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<List<SilenceView>> list(@QueryParam("active") boolean active) {
        Uni<List<Silence>> found = active ? silences.list("startsAt <= ?1 and endsAt > ?1", Sort.descending("createdAt"), Times.now())
                : silences.listAll(Sort.descending("createdAt"));
        return found.map(l -> l.stream().map(SilenceView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<RestResponse<SilenceView>> create(@Valid @NotNull(message = "send a JSON body with reason, duration and at least one matcher")
            Requests.NewSilence body) {
        if (body.kind() == null && body.severity() == null && body.team() == null && body.globalOrderId() == null
                && body.dedupeKeyPrefix() == null) {
            throw ProblemException.badRequest("a silence needs at least one matcher: kind, severity, team, globalOrderId or dedupeKeyPrefix");
        }
        if (body.severity() != null && Severity.parse(body.severity()) == null) {
            throw ProblemException.badRequest("unknown severity '" + body.severity() + "': use info, warning or critical");
        }
        if (body.duration().isNegative() || body.duration().isZero() || body.duration().toDays() > 30) {
            throw ProblemException.badRequest("duration must be positive and at most 30 days (P30D), e.g. PT2H");
        }
        Instant now = Times.now();
        Silence s = new Silence();
        s.id = UUID.randomUUID();
        s.kind = body.kind();
        s.severity = body.severity() == null ? null : Severity.parse(body.severity()).name();
        s.team = body.team();
        s.globalOrderId = body.globalOrderId();
        s.dedupeKeyPrefix = body.dedupeKeyPrefix();
        s.reason = body.reason();
        s.createdBy = identity.getPrincipal().getName();
        s.startsAt = now;
        s.endsAt = now.plus(body.duration());
        s.createdAt = now;
        return silences.persist(s).map(x -> RestResponse.status(RestResponse.Status.CREATED, SilenceView.of(x)));
    }

    /** Ends a silence now (it is kept, expired, for the record). */
    @DELETE
    @Path("{id}")
    @WithTransaction
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<SilenceView> expire(@PathParam("id") UUID id) {
        return silences.findById(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("no silence " + id + ": list them with GET /silences");
            }
            Instant now = Times.now();
            if (s.endsAt.isAfter(now)) {
                s.endsAt = now;
            }
            return SilenceView.of(s);
        });
    }
}
