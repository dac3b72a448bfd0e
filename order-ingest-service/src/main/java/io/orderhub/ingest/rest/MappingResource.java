package io.orderhub.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.service.MappingService;
import io.orderhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** A channel's vocabulary: field paths, status rules, fee names. Replacing it takes effect at once. */
@Path("/mappings")
@Produces(MediaType.APPLICATION_JSON)
public class MappingResource {
    @Inject
    MappingService service;

    @GET
    @Path("/{channel}")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<MappingView> get(@PathParam("channel") String channel) {
        return service.get(channel);
    }

    /** The body is the mapping document itself (the {@code mapping} of GET's answer). */
    @PUT
    @Path("/{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<MappingView> put(@PathParam("channel") String channel, JsonNode mapping, @Context SecurityContext security) {
        String user = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        return service.put(channel, mapping, user);
    }
}
