package io.orderhub.state.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The WMS's JSON API ({@code quarkus.rest-client.wms.url}, locally the devstack WMS simulator on 8091). */
@RegisterRestClient(configKey = "wms")
interface WmsApi {

    @POST
    @Path("/shipments/{globalOrderId}/intercept")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> intercept(@PathParam("globalOrderId") String globalOrderId, String body);
}
