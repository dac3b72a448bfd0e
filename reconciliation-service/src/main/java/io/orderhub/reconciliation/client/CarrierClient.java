package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderhub.reconciliation.config.ReconConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The carrier's tracking: SF-style {@code EXP_RECE_SEARCH_ROUTES} for up to {@code batch-size} waybill numbers per
 * call, signed with {@code msgDigest = Base64(MD5(URLEncoder.encode(msgData + timestamp + checkWord)))}. Each
 * waybill becomes a {@link Waybill}: first pickup (the first scan), signed time and signer, last event. Guarded like
 * every external call; the fallback answers {@link CarrierAnswer#unavailable} with the reason.
 */
@ApplicationScoped
public class CarrierClient {
    private static final Logger LOG = Logger.getLogger(CarrierClient.class);
    public static final String SEARCH_ROUTES = "EXP_RECE_SEARCH_ROUTES";
    static final String PICKED_UP = "50";
    static final String SIGNED = "80";
    private static final Pattern SIGNER = Pattern.compile("签收人[是为]?[:：]\\s*([^,，。;；]+)");

    /** One scan. */
    public record Route(Instant at, String address, String remark, String opCode) {
    }

    /** What the carrier knows of one waybill; {@code routes} empty when it knows nothing. */
    public record Waybill(String number, List<Route> routes) {
        public boolean known() {
            return !routes.isEmpty();
        }

        /** The first scan: the courier had the parcel (the pickup scan, opCode 50, is normally the first). */
        public Instant firstPickupAt() {
            return routes.stream().filter(r -> PICKED_UP.equals(r.opCode())).map(Route::at).min(Comparator.naturalOrder())
                    .orElse(routes.stream().map(Route::at).min(Comparator.naturalOrder()).orElse(null));
        }

        public Route signed() {
            return routes.stream().filter(r -> SIGNED.equals(r.opCode())).findFirst().orElse(null);
        }

        /** Who signed for it, from the signed scan's remark ("已签收,签收人是:张三,…"). */
        public String signedBy() {
            Route s = signed();
            if (s == null || s.remark() == null) {
                return null;
            }
            Matcher m = SIGNER.matcher(s.remark());
            return m.find() ? m.group(1).trim() : null;
        }

        public Route last() {
            return routes.isEmpty() ? null : routes.get(routes.size() - 1);
        }
    }

    /** The waybills asked for (every number gets one), or why there are none. */
    public record CarrierAnswer(Map<String, Waybill> waybills, String unavailable) {
        public static CarrierAnswer unavailable(String reason) {
            return new CarrierAnswer(Map.of(), reason);
        }
    }

    @Inject
    @RestClient
    CarrierApi api;
    @Inject
    ReconConfig config;
    @Inject
    ObjectMapper mapper;

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<CarrierAnswer> routes(List<String> numbers) {
        ObjectNode msg = mapper.createObjectNode();
        msg.put("language", "0").put("trackingType", "1").put("methodType", "1");
        ArrayNode list = msg.putArray("trackingNumber");
        numbers.forEach(list::add);
        String msgData = msg.toString();
        String timestamp = String.valueOf(System.currentTimeMillis());
        ReconConfig.Carrier c = config.carrier();
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("partnerID", c.partnerId());
        form.add("requestID", UUID.randomUUID().toString());
        form.add("serviceCode", SEARCH_ROUTES);
        form.add("timestamp", timestamp);
        form.add("msgData", msgData);
        form.add("msgDigest", digest(msgData, timestamp, c.checkWord()));
        return api.service(form)
                .onFailure().transform(e -> Failures.classify("the carrier", e))
                .map(r -> parse(Failures.body("the carrier", r), numbers));
    }

    Uni<CarrierAnswer> unavailable(List<String> numbers, Throwable error) {
        String reason = Failures.reason("carrier route query", error);
        LOG.warn(reason);
        return Uni.createFrom().item(CarrierAnswer.unavailable(reason));
    }

    static String digest(String msgData, String timestamp, String checkWord) {
        try {
            String encoded = URLEncoder.encode(msgData + timestamp + checkWord, StandardCharsets.UTF_8);
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(encoded.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    CarrierAnswer parse(String body, List<String> asked) {
        JsonNode root = read(body, "the carrier answered something that is not JSON");
        String code = root.path("apiResultCode").asText("");
        if (!"A1000".equals(code)) {
            throw new SourceRefusedException("the carrier refused the route query: " + code + " " + root.path("apiErrorMsg").asText("")
                    + ("A1006".equals(code) || "A1004".equals(code) ? " (check orderhub.reconciliation.carrier.partner-id and check-word)" : ""));
        }
        JsonNode data = read(root.path("apiResultData").asText("{}"), "the carrier's apiResultData is not JSON");
        if (!data.path("success").asBoolean(false)) {
            throw new SourceRefusedException("the carrier refused the route query: " + data.path("errorCode").asText("")
                    + " " + data.path("errorMsg").asText(""));
        }
        Map<String, Waybill> out = new LinkedHashMap<>();
        for (JsonNode resp : data.path("msgData").path("routeResps")) {
            List<Route> routes = new ArrayList<>();
            for (JsonNode r : resp.path("routes")) {
                routes.add(new Route(time(r.path("acceptTime").asText(null)), r.path("acceptAddress").asText(null),
                        r.path("remark").asText(null), r.path("opCode").asText(null)));
            }
            routes.sort(Comparator.comparing(Route::at, Comparator.nullsFirst(Comparator.naturalOrder())));
            out.put(resp.path("mailNo").asText(), new Waybill(resp.path("mailNo").asText(), List.copyOf(routes)));
        }
        for (String n : asked) {
            out.putIfAbsent(n, new Waybill(n, List.of()));
        }
        return new CarrierAnswer(out, null);
    }

    private JsonNode read(String text, String problem) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new SourceFailedException(problem + ": " + Failures.abbreviate(text));
        }
    }

    private static Instant time(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return BeijingTime.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new SourceFailedException("the carrier sent acceptTime '" + v + "', not yyyy-MM-dd HH:mm:ss");
        }
    }
}
