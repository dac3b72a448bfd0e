package io.orderhub.alerting.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** The WMS's intake API (the devstack WMS simulator speaks it). Base URL: {@code quarkus.rest-client.wms.url}. */
@RegisterRestClient(configKey = "wms")
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface WmsApi {
    @POST
    @Path("intake/pause")
    Uni<Map<String, Object>> pauseIntake(IntakeRequest request);

    @POST
    @Path("intake/resume")
    Uni<Map<String, Object>> resumeIntake(IntakeRequest request);

    record IntakeRequest(String reason, String requestedBy) {
    }
}
