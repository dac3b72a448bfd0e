package io.orderhub.alerting.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire format of each channel type, as plain functions of a group of alerts (unit-tested byte for byte).
 * Every channel shows the same line per alert: {@code [CRITICAL] L2 <summary>}, or {@code [RESOLVED] …}.
 */
public final class AlertFormats {
    /** WeCom's markdown content limit is 4096 bytes, its text limit 2048; DingTalk's is larger but a page is enough. */
    static final int WECOM_MARKDOWN_LIMIT = 4096;

    private AlertFormats() {
    }

    public static String line(AlertMessage a) {
        String label = a.resolved() ? "RESOLVED" : a.severity().toUpperCase();
        return "[" + label + "] " + (a.tier() == null ? "" : a.tier() + " ") + a.summary();
    }

    /** The highest severity in the group, upper case ({@code RESOLVED} when all are resolved). */
    public static String headline(List<AlertMessage> alerts) {
        if (alerts.stream().allMatch(AlertMessage::resolved)) {
            return "RESOLVED";
        }
        List<String> order = List.of("critical", "warning", "info");
        return alerts.stream().filter(a -> !a.resolved()).map(AlertMessage::severity)
                .min((x, y) -> Integer.compare(order.indexOf(x), order.indexOf(y))).orElse("info").toUpperCase();
    }

    private static String lines(List<AlertMessage> alerts, String prefix) {
        StringBuilder b = new StringBuilder();
        for (AlertMessage a : alerts) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(prefix).append(line(a));
        }
        return b.toString();
    }

    private static String team(List<AlertMessage> alerts) {
        return alerts.isEmpty() || alerts.get(0).team() == null ? "ops" : alerts.get(0).team();
    }

    /** Generic JSON webhook: {@code {"version":"1","groupKey","status":"firing"|"resolved","alerts":[…]}}. */
    public static Map<String, Object> webhook(String groupKey, List<AlertMessage> alerts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "1");
        body.put("groupKey", groupKey);
        body.put("status", alerts.stream().allMatch(AlertMessage::resolved) ? "resolved" : "firing");
        List<Map<String, Object>> list = new ArrayList<>();
        for (AlertMessage a : alerts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.alertId().toString());
            m.put("dedupeKey", a.dedupeKey());
            m.put("kind", a.kind());
            m.put("severity", a.severity());
            m.put("tier", a.tier());
            m.put("team", a.team());
            m.put("status", a.status());
            m.put("globalOrderId", a.globalOrderId());
            m.put("summary", a.summary());
            m.put("labels", a.labels() == null ? Map.of() : a.labels());
            m.put("raisedAt", a.raisedAt() == null ? null : a.raisedAt().toString());
            m.put("resolvedAt", a.resolvedAt() == null ? null : a.resolvedAt().toString());
            list.add(m);
        }
        body.put("alerts", list);
        return body;
    }

    /** Slack-style incoming webhook: {@code {"text": "<one line per alert>"}}. */
    public static Map<String, Object> slack(List<AlertMessage> alerts) {
        return Map.of("text", lines(alerts, ""));
    }

    /** WeCom group robot, markdown message. */
    public static Map<String, Object> weCom(List<AlertMessage> alerts) {
        String content = "**Order Hub · " + team(alerts) + "**\n" + lines(alerts, "> ");
        content = truncateUtf8(content, WECOM_MARKDOWN_LIMIT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("content", content));
        return body;
    }

    /** DingTalk group robot, markdown message; {@code mobiles} are @-mentioned. */
    public static Map<String, Object> dingTalk(List<AlertMessage> alerts, List<String> mobiles) {
        StringBuilder text = new StringBuilder("#### Order Hub · ").append(team(alerts)).append("\n\n")
                .append(lines(alerts, "- "));
        for (String m : mobiles) {
            text.append(text.indexOf("\n\n@") < 0 ? "\n\n" : " ").append('@').append(m);
        }
        Map<String, Object> markdown = new LinkedHashMap<>();
        markdown.put("title", "[" + headline(alerts) + "] Order Hub");
        markdown.put("text", text.toString());
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("atMobiles", mobiles);
        at.put("isAtAll", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", markdown);
        body.put("at", at);
        return body;
    }

    public static String emailSubject(List<AlertMessage> alerts) {
        String first = alerts.get(0).summary();
        return "[" + headline(alerts) + "] Order Hub: " + first + (alerts.size() > 1 ? " (+" + (alerts.size() - 1) + " more)" : "");
    }

    public static String emailText(List<AlertMessage> alerts, String publicUrl) {
        return lines(alerts, "") + "\n\nAll alerts: " + publicUrl + "/alerts\n";
    }

    /** Alertmanager {@code POST /api/v2/alerts}: a list of postable alerts (labels identify an alert there). */
    public static List<Map<String, Object>> alertmanager(List<AlertMessage> alerts, String publicUrl) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AlertMessage a : alerts) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", a.kind());
            labels.put("severity", a.severity());
            labels.put("team", a.team());
            labels.put("dedupe_key", a.dedupeKey());
            labels.put("service", "orderhub");
            if (a.globalOrderId() != null) {
                labels.put("order", a.globalOrderId());
            }
            if (a.tier() != null) {
                labels.put("tier", a.tier());
            }
            if (a.labels() != null) {
                a.labels().forEach((k, v) -> {
                    String name = k.replaceAll("[^a-zA-Z0-9_]", "_");
                    if (v != null && !labels.containsKey(name)) {
                        labels.put(name, v);
                    }
                });
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("labels", labels);
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put("summary", a.summary());
            annotations.put("alert_id", a.alertId().toString());
            m.put("annotations", annotations);
            m.put("startsAt", a.raisedAt().toString());
            if (a.resolved() && a.resolvedAt() != null) {
                m.put("endsAt", a.resolvedAt().toString());
            }
            m.put("generatorURL", publicUrl + "/alerts/" + a.alertId());
            list.add(m);
        }
        return list;
    }

    static String truncateUtf8(String s, int maxBytes) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        String suffix = "\n…";
        int budget = maxBytes - suffix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int end = s.length();
        while (end > 0 && s.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > budget) {
            end--;
        }
        return s.substring(0, end) + suffix;
    }
}
