package io.orderhub.reconciliation.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The ERP's open API ({@code trade_query}); base URL {@code quarkus.rest-client.erp.url}. Only {@link ErpClient} calls it. */
@RegisterRestClient(configKey = "erp")
interface ErpApi {
    @POST
    @Path("/openapi2/trade_query.php")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> tradeQuery(MultivaluedMap<String, String> form);
}
