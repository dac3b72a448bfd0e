package io.orderhub.state.rest;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.state.domain.ManualReview;
import io.orderhub.state.service.OutboundService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * The manual-review queue: write-backs the channel refused or could not be reached for ({@code CROSS_CHANNEL_CONFLICT}),
 * and warehouse intercepts that failed ({@code WAREHOUSE_INTERCEPT}). Retry one, or resolve it with what was done.
 */
@Path("/manual-review")
@Produces(MediaType.APPLICATION_JSON)
public class ManualReviewResource {
    static final int MAX_PAGE_SIZE = 200;

    @Inject
    OutboundService outbound;
    @Inject
    SecurityIdentity identity;

    /** {@code status} OPEN (default), RESOLVED or ALL; {@code tag} and {@code globalOrderId} optional; newest first. */
    @GET
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.ADMIN})
    public Uni<ManualReviewPage> list(@QueryParam("status") @DefaultValue("OPEN") String status, @QueryParam("tag") String tag,
            @QueryParam("globalOrderId") String globalOrderId, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("page counts from 0 and size is between 1 and " + MAX_PAGE_SIZE);
        }
        ManualReview.Status s = "ALL".equalsIgnoreCase(status) ? null : parse("status", status, ManualReview.Status.class);
        ManualReview.Tag t = tag == null || tag.isBlank() ? null : parse("tag", tag, ManualReview.Tag.class);
        return outbound.reviews(s, t, globalOrderId == null || globalOrderId.isBlank() ? null : globalOrderId.strip(), page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.ADMIN})
    public Uni<ManualReviewView> get(@PathParam("id") String id) {
        return outbound.review(uuid(id));
    }

    /** Sends the failed call again (after the cause was fixed on the other side); a new failure opens a new item. */
    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<ManualReviewView> retry(@PathParam("id") String id) {
        return outbound.retry(uuid(id), user()).invoke(ignored -> outbound.kick());
    }

    /** Closes the item: body {@code {"resolution": "what was done"}}. */
    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<ManualReviewView> resolve(@PathParam("id") String id, ResolveRequest body) {
        if (body == null || body.resolution() == null || body.resolution().isBlank()) {
            throw ProblemException.badRequest("say what was done: {\"resolution\": \"tracking number entered in the seller centre\"}");
        }
        return outbound.resolve(uuid(id), body.resolution().strip(), user());
    }

    public record ResolveRequest(String resolution) {
    }

    private String user() {
        return "user:" + identity.getPrincipal().getName();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + id + "' is not a manual review id (a UUID from GET /manual-review)");
        }
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants()) + "; got '" + value + "'");
        }
    }
}
