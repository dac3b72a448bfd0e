package io.orderhub.ingest.rest;

import io.orderhub.ingest.service.QuarantineService;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
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

import java.util.UUID;

/** Payloads that failed to parse or map, with their error; replay after a fix. */
@Path("/quarantine")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class QuarantineResource {
    @Inject
    QuarantineService service;

    @GET
    public Uni<QuarantinePage> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return service.list(page, size);
    }

    /** The stored payload with its raw body and headers exactly as received, its status, problem and error. */
    @GET
    @Path("/{id}")
    public Uni<StoredPayload> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + id + "' is not a raw payload id (a UUID from GET /quarantine)");
        }
    }

    @POST
    @Path("/{id}/replay")
    public Uni<ReplayAnswer> replay(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + id + "' is not a raw payload id (a UUID from GET /quarantine)");
        }
        return service.replay(uuid).map(ReplayAnswer::of);
    }
}
