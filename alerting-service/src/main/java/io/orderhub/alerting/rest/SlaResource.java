package io.orderhub.alerting.rest;

import io.orderhub.alerting.domain.SlaRule;
import io.orderhub.alerting.repository.SlaClockRepository;
import io.orderhub.alerting.service.SlaClockService;
import io.orderhub.alerting.service.SlaPolicyService;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SlaResource {
    @Inject
    SlaClockRepository clocks;
    @Inject
    SlaClockService service;
    @Inject
    SlaPolicyService policies;
    @Inject
    SecurityIdentity identity;

    public record PolicyView(List<Requests.Rule> rules, Map<String, Integer> packersOnDuty, Map<String, String> skuCategories,
            String defaultWindow, String source, String updatedBy, Instant updatedAt) {
    }

    /** The ship-by clock of one order. */
    @GET
    @Path("sla-clocks/{globalOrderId}")
    @WithSession
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<SlaClockView> clock(@PathParam("globalOrderId") String id) {
        return clocks.findById(id).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("no SLA clock for order " + id + ": it has not been paid yet, or is unknown");
            }
            return SlaClockView.of(c);
        });
    }

    /** The customer agreed to a delay (or another reason the order must not be chased): no tiers, open alert resolved. */
    @PUT
    @Path("sla-clocks/{globalOrderId}/exemption")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.ADMIN})
    public Uni<SlaClockView> exempt(@PathParam("globalOrderId") String id,
            @Valid @NotNull(message = "send {\"reason\": \"CUSTOMER_AGREED_DELAY\", \"note\": \"...\"}") Requests.Exemption body) {
        return service.setExemption(id, body.reason().trim().toUpperCase(), body.note(), identity.getPrincipal().getName())
                .map(SlaClockView::of);
    }

    @DELETE
    @Path("sla-clocks/{globalOrderId}/exemption")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.ADMIN})
    public Uni<SlaClockView> lift(@PathParam("globalOrderId") String id) {
        return service.liftExemption(id).map(SlaClockView::of);
    }

    @GET
    @Path("sla-policy")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<PolicyView> policy() {
        return Panache.withSession(() -> policies.current().chain(p -> policies.source().map(src -> {
            List<Requests.Rule> rules = new ArrayList<>();
            for (SlaRule r : p.rules()) {
                rules.add(new Requests.Rule(r.name, r.position, r.category, r.warehouse, r.minPackers, r.maxPackers,
                        Duration.ofSeconds(r.windowSeconds), r.exempt));
            }
            return new PolicyView(rules, new TreeMap<>(p.packersOnDuty()), new TreeMap<>(p.skuCategories()),
                    p.defaultWindow().toString(), src.source, src.updatedBy, src.updatedAt);
        })));
    }

    /** Replaces rules, packers and categories; every running clock's deadline is recomputed at once. */
    @PUT
    @Path("sla-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.ADMIN})
    public Uni<PolicyView> replace(@Valid @NotNull(message = "send {\"rules\": [...], \"packersOnDuty\": {...}, \"skuCategories\": {...}}")
            Requests.Policy body) {
        List<SlaRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Requests.Rule r : body.rules()) {
            if (!names.add(r.name())) {
                throw ProblemException.badRequest("rule name '" + r.name() + "' is used twice: give every rule its own name");
            }
            if (!r.exempt() && (r.window() == null || r.window().isNegative() || r.window().isZero())) {
                throw ProblemException.badRequest("rule '" + r.name() + "' needs a positive window (ISO-8601, e.g. PT4H) unless it is exempt");
            }
            if (r.minPackers() != null && r.maxPackers() != null && r.minPackers() > r.maxPackers()) {
                throw ProblemException.badRequest("rule '" + r.name() + "': minPackers is above maxPackers");
            }
            rules.add(SlaPolicyService.rule(r.name(), r.position(), blank(r.category()), blank(r.warehouse()), r.minPackers(),
                    r.maxPackers(), r.window() == null ? 1 : r.window().toSeconds(), r.exempt()));
        }
        Map<String, Integer> packers = body.packersOnDuty() == null ? Map.of() : body.packersOnDuty();
        if (packers.values().stream().anyMatch(n -> n == null || n < 0)) {
            throw ProblemException.badRequest("packersOnDuty values must be 0 or more");
        }
        Map<String, String> cats = body.skuCategories() == null ? Map.of() : body.skuCategories();
        String by = identity.getPrincipal().getName();
        return Panache.withTransaction(() -> policies.replace(rules, packers, cats, "rest", by))
                .invoke(policies::invalidate)
                .chain(() -> service.recomputeAll())
                .chain(() -> policy());
    }

    /** Packers on duty in one warehouse now (the warehouse lead's figure); deadlines are recomputed at once. */
    @PUT
    @Path("sla-policy/packers/{warehouse}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<PolicyView> packers(@PathParam("warehouse") String warehouse,
            @Valid @NotNull(message = "send {\"packers\": 6}") Requests.Packers body) {
        String by = identity.getPrincipal().getName();
        return Panache.withTransaction(() -> policies.setPackers(warehouse, body.packers(), by))
                .invoke(policies::invalidate)
                .chain(() -> service.recomputeAll())
                .chain(() -> policy());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
