package io.orderhub.alerting.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderhub.alerting.config.AlertingConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends one group of alerts to one configured channel in that channel's wire format. */
@ApplicationScoped
public class ChannelSender {
    @Inject
    HttpPoster http;
    @Inject
    ReactiveMailer mailer;
    @Inject
    ObjectMapper mapper;
    @Inject
    AlertingConfig config;

    public Uni<Void> send(String name, AlertingConfig.Channel channel, String groupKey, List<AlertMessage> alerts) {
        String type = channel.type().toLowerCase();
        return switch (type) {
            case "webhook" -> webhook(name, channel, groupKey, alerts);
            case "slack" -> slack(name, channel, alerts);
            case "wecom" -> robot(name, channel, url(name, channel), json(AlertFormats.weCom(alerts)));
            case "dingtalk" -> dingTalk(name, channel, alerts);
            case "email" -> email(name, channel, alerts);
            case "alertmanager" -> alertmanager(name, channel, alerts);
            default -> Uni.createFrom().failure(new DeliveryException("channel " + name + " has unknown type '" + type
                    + "': use webhook, slack, wecom, dingtalk, email or alertmanager"));
        };
    }

    private Uni<Void> webhook(String name, AlertingConfig.Channel channel, String groupKey, List<AlertMessage> alerts) {
        String body = json(AlertFormats.webhook(groupKey, alerts));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (channel.secret().isPresent() && !channel.secret().get().isEmpty()) {
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            headers.put("X-OrderHub-Timestamp", ts);
            headers.put("X-OrderHub-Signature", webhookSignature(ts, body, channel.secret().get()));
        }
        return http.post(url(name, channel), headers, body).invoke(r -> expect2xx(name, r)).replaceWithVoid();
    }

    private Uni<Void> slack(String name, AlertingConfig.Channel channel, List<AlertMessage> alerts) {
        return http.post(url(name, channel), Map.of("Content-Type", "application/json"), json(AlertFormats.slack(alerts)))
                .invoke(r -> expect2xx(name, r)).replaceWithVoid();
    }

    private Uni<Void> dingTalk(String name, AlertingConfig.Channel channel, List<AlertMessage> alerts) {
        String url = url(name, channel);
        if (channel.secret().isPresent() && !channel.secret().get().isEmpty()) {
            long ts = System.currentTimeMillis();
            url = url + (url.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign=" + dingTalkSign(ts, channel.secret().get());
        }
        return robot(name, channel, url, json(AlertFormats.dingTalk(alerts, channel.mentionMobiles().orElse(List.of()))));
    }

    /** WeCom and DingTalk robots answer HTTP 200 with {@code {"errcode": N, "errmsg": "..."}}; only 0 is success. */
    private Uni<Void> robot(String name, AlertingConfig.Channel channel, String url, String body) {
        return http.post(url, Map.of("Content-Type", "application/json; charset=utf-8"), body).invoke(r -> {
            expect2xx(name, r);
            JsonNode answer;
            try {
                answer = mapper.readTree(r.body());
            } catch (JsonProcessingException e) {
                throw new DeliveryException(name + " answered something that is not JSON: " + abbreviate(r.body()));
            }
            if (answer.path("errcode").asInt(-1) != 0) {
                throw new DeliveryException(name + " refused the message: errcode " + answer.path("errcode").asText()
                        + " " + answer.path("errmsg").asText());
            }
        }).replaceWithVoid();
    }

    private Uni<Void> email(String name, AlertingConfig.Channel channel, List<AlertMessage> alerts) {
        List<String> to = channel.to().orElse(List.of());
        if (to.isEmpty()) {
            return Uni.createFrom().failure(new DeliveryException("channel " + name + " (email) has no recipients: set orderhub.alerting.channels."
                    + name + ".to"));
        }
        Mail mail = new Mail().setTo(to).setSubject(AlertFormats.emailSubject(alerts))
                .setText(AlertFormats.emailText(alerts, config.publicUrl()));
        return mailer.send(mail).onFailure().transform(e -> new DeliveryException(name + ": SMTP delivery failed: " + e.getMessage(), e));
    }

    private Uni<Void> alertmanager(String name, AlertingConfig.Channel channel, List<AlertMessage> alerts) {
        String base = url(name, channel);
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts";
        return http.post(url, Map.of("Content-Type", "application/json"), json(AlertFormats.alertmanager(alerts, config.publicUrl())))
                .invoke(r -> expect2xx(name, r)).replaceWithVoid();
    }

    private static String url(String name, AlertingConfig.Channel channel) {
        return channel.url().filter(u -> !u.isBlank()).orElseThrow(() -> new DeliveryException(
                "channel " + name + " has no url: set orderhub.alerting.channels." + name + ".url"));
    }

    private static void expect2xx(String name, HttpPoster.Response r) {
        if (r.status() / 100 != 2) {
            throw new DeliveryException(name + " answered HTTP " + r.status() + ": " + abbreviate(r.body()));
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DingTalk: urlencode(base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret))). */
    public static String dingTalkSign(long timestampMillis, String secret) {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(hmac(secret, timestampMillis + "\n" + secret)),
                StandardCharsets.UTF_8);
    }

    /** Generic webhook: {@code sha256=} hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    public static String webhookSignature(String timestamp, String body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
