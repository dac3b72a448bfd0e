package io.orderhub.reconciliation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ERP's sales orders, one {@code trade_query} page at a time: a signed form POST (upper-hex MD5 of secret + sorted
 * name/value pairs + secret), Beijing-time windows on the modification time. Guarded by a timeout, two retries on
 * transient failures, a circuit breaker and a fallback that answers {@link ErpPage#unavailable} with the reason
 * instead of failing the run. Tune with the MicroProfile keys, e.g.
 * {@code io.orderhub.reconciliation.client.ErpClient/page/CircuitBreaker/delay}.
 */
@ApplicationScoped
public class ErpClient {
    private static final Logger LOG = Logger.getLogger(ErpClient.class);

    /** One sales order as the ERP reports it (times in UTC, amounts exact). */
    public record ErpTrade(String tradeNo, String outerNo, String platform, String shopNo, String srcTid, Integer tradeStatus,
            Instant tradeTime, Instant payTime, Instant checkTime, Instant consignTime, String currency, BigDecimal receivable,
            BigDecimal goodsAmount, BigDecimal postAmount, BigDecimal discount, BigDecimal commission, BigDecimal goodsCost,
            String warehouseNo, String logisticsCode, String logisticsNo, Instant modified) {
    }

    /** A page of the window, or why there is none. */
    public record ErpPage(int totalCount, List<ErpTrade> trades, String unavailable) {
        public static ErpPage unavailable(String reason) {
            return new ErpPage(0, List.of(), reason);
        }
    }

    @Inject
    @RestClient
    ErpApi api;
    @Inject
    ReconConfig config;
    @Inject
    ObjectMapper mapper;

    /** Orders modified within [from, to] (second resolution, both inclusive), page {@code pageNo} (from 0). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = SourceRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = SourceRefusedException.class)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<ErpPage> page(Instant from, Instant to, int pageNo, int pageSize) {
        Map<String, String> params = new TreeMap<>();
        params.put("start_time", local(from));
        params.put("end_time", local(to));
        params.put("page_no", String.valueOf(pageNo));
        params.put("page_size", String.valueOf(pageSize));
        return call(params);
    }

    Uni<ErpPage> unavailable(Instant from, Instant to, int pageNo, int pageSize, Throwable error) {
        String reason = Failures.reason("ERP trade_query", error);
        LOG.warn(reason);
        return Uni.createFrom().item(ErpPage.unavailable(reason));
    }

    private Uni<ErpPage> call(Map<String, String> query) {
        ReconConfig.Erp erp = config.erp();
        Map<String, String> params = new TreeMap<>(query);
        params.put("sid", erp.sid());
        params.put("appkey", erp.appKey());
        params.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        params.put("sign", sign(params, erp.secret()));
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        params.forEach(form::add);
        return api.tradeQuery(form)
                .onFailure().transform(e -> Failures.classify("ERP", e))
                .map(r -> parse(Failures.body("ERP", r)));
    }

    /** Upper-hex MD5(secret + name1value1name2value2… sorted by name, without sign and empty values + secret). */
    static String sign(Map<String, String> params, String secret) {
        StringBuilder s = new StringBuilder(secret);
        new TreeMap<>(params).forEach((k, v) -> {
            if (!"sign".equals(k) && v != null && !v.isEmpty()) {
                s.append(k).append(v);
            }
        });
        s.append(secret);
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ErpPage parse(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new SourceFailedException("the ERP answered something that is not JSON: " + Failures.abbreviate(body));
        }
        int code = root.path("code").asInt(-1);
        if (code != 0) {
            throw new SourceRefusedException("the ERP refused trade_query: code " + code + " " + root.path("message").asText("")
                    + (code == 1002 || code == 1004 ? " (check orderhub.reconciliation.erp.sid, app-key and secret)" : ""));
        }
        List<ErpTrade> trades = new ArrayList<>();
        for (JsonNode t : root.path("trades")) {
            trades.add(new ErpTrade(text(t, "trade_no"), text(t, "outer_no"), text(t, "platform"), text(t, "shop_no"),
                    text(t, "src_tid"), t.hasNonNull("trade_status") ? t.get("trade_status").asInt() : null, time(t, "trade_time"),
                    time(t, "pay_time"), time(t, "check_time"), time(t, "consign_time"), text(t, "currency"),
                    amount(t, "receivable"), amount(t, "goods_amount"), amount(t, "post_amount"), amount(t, "discount"),
                    amount(t, "commission"), amount(t, "goods_cost"), text(t, "warehouse_no"), text(t, "logistics_code"),
                    text(t, "logistics_no"), time(t, "modified")));
        }
        return new ErpPage(root.path("total_count").asInt(trades.size()), trades, null);
    }

    static String local(Instant t) {
        return BeijingTime.format(t);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static Instant time(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return null;
        }
        try {
            return BeijingTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new SourceFailedException("the ERP sent " + field + " '" + v + "', not yyyy-MM-dd HH:mm:ss");
        }
    }

    private static BigDecimal amount(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new SourceFailedException("the ERP sent " + field + " '" + v + "', not a decimal amount");
        }
    }
}
