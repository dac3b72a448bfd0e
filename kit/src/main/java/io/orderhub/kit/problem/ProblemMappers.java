package io.orderhub.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/** Every error of every service as RFC 7807 {@code application/problem+json}. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(ProblemMappers::violation).toList();
        String detail = violations.stream().map(v -> v.get("field") + " " + v.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("the request is invalid");
        return respond(Problem.of(400, "Bad Request", detail).with("violations", violations), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(malformed(e), uri);
    }

    /**
     * JSON of the wrong shape ({@code [1,2]} or a bare string where an object is expected, a string for a number).
     * Quarkus has a built-in mapper for exactly this type that answers a bare 400; ours comes first.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return respond(malformed(e), uri);
    }

    private static Problem malformed(JsonProcessingException e) {
        return Problem.of(400, "Bad Request", "the body is not valid JSON for this endpoint: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(401, "Unauthorized",
                        "send a valid bearer token (Authorization: Bearer <JWT>); locally ./hub token <role> prints one"), uri))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", "your token's roles do not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR && family != Response.Status.Family.SERVER_ERROR) {
            return e.getResponse();
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // the JSON reader wraps syntax errors (a truncated "{") in a plain 400
            return respond(malformed(json), uri);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource: check the path";
            case 405 -> "this method is not allowed on this path";
            case 406 -> "this resource answers application/json";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        return respond(Problem.of(status, reason, detail), uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected error on " + uri.getPath(), e);
        return respond(Problem.of(500, "Internal Server Error",
                "an unexpected error occurred; it has been logged, retry later or report it"), uri);
    }

    private static Map<String, String> violation(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.indexOf('.');
        // drop the method name ("create.request.sku" → "request.sku" → "sku")
        String field = path;
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            field = String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        } else if (dot >= 0) {
            field = path.substring(dot + 1);
        }
        return Map.of("field", field, "message", v.getMessage());
    }

    private static Response respond(Problem problem, UriInfo uri) {
        Problem p = problem.instance() == null && uri != null ? problem.at(uri.getPath()) : problem;
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
