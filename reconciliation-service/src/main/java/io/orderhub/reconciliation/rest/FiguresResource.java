package io.orderhub.reconciliation.rest;

import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.orderhub.reconciliation.service.FiguresService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/** Consistency figures: credibility, hourly deviation, and the missing-orders report. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.FINANCE, Roles.ADMIN})
public class FiguresResource {
    private static final Set<String> SOURCES = Set.of("ERP", "PLATFORM", "HUB");

    @Inject
    FiguresService figures;

    /**
     * Credibility over the orders paid in [{@code from}, {@code to}) (all checked orders without them), per channel,
     * on a random sample of {@code sampleSize} orders of {@code day} (today, UTC, by default), and the hourly
     * deviation rates.
     */
    @GET
    @Path("credibility")
    public Uni<Credibility> credibility(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("channel") String channel, @QueryParam("day") String day, @QueryParam("seed") String seed,
            @QueryParam("sampleSize") @DefaultValue("100") int sampleSize) {
        if (sampleSize < 1 || sampleSize > 10_000) {
            throw ProblemException.badRequest("sampleSize must be between 1 and 10000");
        }
        LocalDate d;
        try {
            d = day == null || day.isBlank() ? null : LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("day must look like 2026-11-22, not '" + day + "'");
        }
        return figures.credibility(ReconciliationResource.instant("from", from), ReconciliationResource.instant("to", to),
                ReconciliationResource.blank(channel), d, ReconciliationResource.blank(seed), sampleSize);
    }

    /** The open orders missing in {@code source} (ERP, PLATFORM or HUB), counted by gray state and channel. */
    @GET
    @Path("reports/missing")
    public Uni<MissingReport> missing(@QueryParam("source") @DefaultValue("ERP") String source,
            @QueryParam("channel") String channel, @QueryParam("from") String from, @QueryParam("to") String to) {
        String s = source.strip().toUpperCase(Locale.ROOT);
        if (!SOURCES.contains(s)) {
            throw ProblemException.badRequest("source must be one of " + SOURCES + ", not '" + source + "'");
        }
        return figures.missing(s, ReconciliationResource.blank(channel), ReconciliationResource.instant("from", from),
                ReconciliationResource.instant("to", to));
    }
}
