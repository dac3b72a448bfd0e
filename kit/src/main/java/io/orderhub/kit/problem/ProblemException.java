package io.orderhub.kit.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** Thrown by a use case or resource to answer with a problem+json of the given status. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", detail);
    }

    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        Problem p = Problem.of(status, title, getMessage());
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        return p;
    }
}
