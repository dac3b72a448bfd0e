package io.orderhub.ingest.rest;

import io.orderhub.ingest.service.PullService;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The scheduled pull: each shop's watermark and last run, and a run now. */
@Path("/pulls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.ADMIN})
public class PullResource {
    @Inject
    PullService pulls;

    @GET
    public Uni<List<PullService.PullState>> list() {
        return pulls.states();
    }

    /**
     * Pulls the shop now: {@code 200} with what was fetched and published; {@code 503} when the platform could not be
     * reached or refused (the watermark stays); {@code 409} if a pull of the shop is running.
     */
    /**
     * Fetches one order now from the platform's detail API (what a thin change notification does): {@code 200} with its
     * global id and what became of it; {@code 503} when the platform is unavailable or refuses.
     */
    @POST
    @Path("/{channel}/{shop}/orders/{channelOrderId}")
    public Uni<WebhookAnswer> fetch(@PathParam("channel") String channel, @PathParam("shop") String shop,
            @PathParam("channelOrderId") String channelOrderId) {
        return pulls.fetch(channel, shop, channelOrderId).map(WebhookAnswer::of);
    }

    @POST
    @Path("/{channel}/{shop}")
    public Uni<PullService.PullRun> pull(@PathParam("channel") String channel, @PathParam("shop") String shop) {
        return pulls.pull(channel, shop).map(run -> {
            if (run.error() != null) {
                throw new ProblemException(503, "Service Unavailable", "the pull of " + channel + "/" + shop + " stopped: " + run.error()
                        + "; the watermark stays at " + run.watermark() + " and the next run asks again")
                        .with("run", run);
            }
            return run;
        });
    }
}
