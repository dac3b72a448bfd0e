package io.orderhub.inventory.rest;

import io.orderhub.inventory.service.StockService;
import io.orderhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/stock")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {
    @Inject
    StockService service;

    @PUT
    @Path("/{warehouse}/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPS, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<StockLevel> set(@PathParam("warehouse") String warehouse, @PathParam("sku") String sku,
            @Valid @NotNull(message = "send a JSON body such as {\"onHand\": 10}") StockUpdate update) {
        return service.setOnHand(warehouse, sku, update);
    }

    @GET
    @Path("/{sku}")
    @RolesAllowed({Roles.OPS, Roles.CS, Roles.FINANCE, Roles.WAREHOUSE, Roles.ADMIN})
    public Uni<StockLevel> get(@PathParam("sku") String sku) {
        return service.get(sku);
    }
}
