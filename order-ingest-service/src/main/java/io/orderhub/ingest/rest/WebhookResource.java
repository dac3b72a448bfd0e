package io.orderhub.ingest.rest;

import io.orderhub.ingest.domain.Channels;
import io.orderhub.ingest.domain.InputProblem;
import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.service.IngestResult;
import io.orderhub.kit.problem.ProblemException;
import io.orderhub.ingest.domain.signature.WebhookRequest;
import io.orderhub.ingest.service.IngestService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /webhooks/{channel}/{shop}}: a platform's push. No bearer token — the channel's signature
 * over the raw body authenticates it. {@code 202} once the body is durably stored (Douyin: {@code 200} with
 * {@code "code": 0}, the only answer its push accepts).
 */
@Path("/webhooks")
public class WebhookResource {
    @Inject
    IngestService ingest;

    @POST
    @Path("/{channel}/{shop}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public Uni<Response> receive(@PathParam("channel") String channel, @PathParam("shop") String shop,
            @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> h.put(name, String.join(",", values)));
        Map<String, String> query = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        WebhookRequest request = new WebhookRequest(channel.toLowerCase(Locale.ROOT), shop, h, query, body);
        return ingest.receive(request).map(result -> {
            if (result.status() == RawStatus.QUARANTINED && result.problem() != null && result.problem().httpStatus >= 400) {
                throw problem(request, result);
            }
            WebhookAnswer answer = WebhookAnswer.of(result);
            if (Channels.DOUYIN.equals(request.channel())) {
                // Douyin redelivers unless it reads HTTP 200 {"code":0,"msg":"success"}
                return Response.ok(DouyinAnswer.of(answer)).type(MediaType.APPLICATION_JSON).build();
            }
            return Response.accepted(answer).type(MediaType.APPLICATION_JSON).build();
        });
    }

    /**
     * The problem+json of a stored but refused push: the class decides the status, the detail says what is wrong and
     * that the body is kept ({@code rawPayloadId}) for a replay after a fix. A re-delivery gets the same answer.
     */
    static ProblemException problem(WebhookRequest request, IngestResult result) {
        InputProblem p = result.problem();
        String title = switch (p) {
            case MALFORMED -> "Bad Request";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported Media Type";
            case TOO_LARGE -> "Content Too Large";
            case CONFLICT -> "Conflict";
            default -> "Unprocessable Content";
        };
        String what = switch (p) {
            case MALFORMED -> "send a valid JSON " + request.channel() + " order document";
            case UNSUPPORTED_MEDIA_TYPE -> "resend it with the right Content-Type";
            case TOO_LARGE -> "send one order per push";
            case CONFLICT -> "send a new delivery under a new delivery id";
            default -> "send a complete " + request.channel() + " order document";
        };
        return new ProblemException(p.httpStatus, title, result.error() + ". " + what + "; the body is kept in the quarantine "
                + "(GET /quarantine, raw payload " + result.rawPayloadId() + ") and can be replayed after a fix")
                .with("problem", p)
                .with("quarantined", true)
                .with("rawPayloadId", result.rawPayloadId())
                .with("duplicate", !result.freshDelivery())
                .with("channel", request.channel())
                .with("shop", request.shop());
    }
}
