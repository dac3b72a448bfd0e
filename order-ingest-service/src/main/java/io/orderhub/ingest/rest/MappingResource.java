package io.orderhub.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.service.MappingService;
import io.orderhub.ingest.service.RenormalizeService;
import io.orderhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import io.orderhub.kit.problem.ProblemException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A channel's vocabulary: field paths, status rules, fee names. Replacing it takes effect at once. */
@Path("/mappings")
@Produces(MediaType.APPLICATION_JSON)
public class MappingResource {
    @Inject
    MappingService service;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;
    @Inject
    RenormalizeService renormalizer;

    @GET
    @Path("/{channel}")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<MappingView> get(@PathParam("channel") String channel) {
        return service.get(channel);
    }

    /** Fields the mapping does not read, with a suggested mapping where the data supports one ({@code ?all=true}: every one). */
    @GET
    @Path("/{channel}/suggestions")
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<List<SuggestionView>> suggestions(@PathParam("channel") String channel,
            @QueryParam("all") @DefaultValue("false") boolean all) {
        return service.suggestions(channel, all);
    }

    /** Adds the suggested mapping (or the fee type in the optional body) to the channel's mapping. */
    @POST
    @Path("/{channel}/suggestions/{id}/confirm")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    public Uni<ConfirmAnswer> confirm(@PathParam("channel") String channel, @PathParam("id") String id,
            @QueryParam("renormalize") @DefaultValue("false") boolean renormalize, @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("500") int limit, String body, @Context SecurityContext security) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + id + "' is not a suggestion id (a UUID from GET /mappings/" + channel + "/suggestions)");
        }
        String user = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        String type = null;
        if (body != null && !body.isBlank()) {
            try {
                type = mapper.readValue(body, ConfirmSuggestion.class).type();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ProblemException.badRequest("the body is optional; if sent it is {\"type\": \"CHANNEL_FEE\"}");
            }
        }
        Instant from = instant(since);
        return service.confirm(channel, uuid, type, user).chain(view -> renormalize
                ? renormalizer.renormalize(channel, from, limit).map(r -> ConfirmAnswer.of(view, r))
                : Uni.createFrom().item(ConfirmAnswer.of(view, null)));
    }

    /**
     * Maps the stored raw payloads of the channel again with its current mapping: the orders updated since
     * {@code since} (newest first, at most {@code limit}) are published again, corrected; quarantined payloads
     * received since then are replayed.
     */
    @POST
    @Path("/{channel}/renormalize")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    public Uni<RenormalizeService.Result> renormalize(@PathParam("channel") String channel, @QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return renormalizer.renormalize(channel, instant(since), limit);
    }

    private static Instant instant(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("since must be a UTC instant such as 2026-11-22T00:00:00Z, not '" + since + "'");
        }
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
