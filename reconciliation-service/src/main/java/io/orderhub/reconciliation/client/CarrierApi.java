package io.orderhub.reconciliation.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The carrier's open platform (SF-style {@code /std/service}); base URL {@code quarkus.rest-client.carrier.url}. */
@RegisterRestClient(configKey = "carrier")
interface CarrierApi {
    @POST
    @Path("/std/service")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> service(MultivaluedMap<String, String> form);
}
