package io.orderhub.alerting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything alerting decides by: every duration is configuration, so tests and demos run a two-hour rule in
 * seconds. Defaults are those of DESIGN.md "Alerting".
 */
@ConfigMapping(prefix = "orderhub.alerting")
public interface AlertingConfig {
    Sla sla();

    Breaker breaker();

    Promo promo();

    Reconciliation reconciliation();

    Dlq dlq();

    Dispatch dispatch();

    /**
     * Alert channels by name, e.g. {@code orderhub.alerting.channels.warehouse-wecom.type=wecom}. A channel gets an
     * alert when the alert's severity and team are among its {@code severities} and {@code teams}.
     */
    Map<String, Channel> channels();

    /** Channel names for which {@code orderhub_sla_breaches_total{channel}} exists from startup (at 0). */
    @WithDefault("shopify,taobao,jd,pdd,douyin,xhs")
    List<String> salesChannels();

    /** Where a person sees an alert; Alertmanager's {@code generatorURL} is this plus {@code /alerts/{id}}. */
    @WithDefault("http://localhost:8086")
    String publicUrl();

    interface Sla {
        /** Ship-by window when no rule matches. */
        @WithDefault("PT2H")
        Duration defaultWindow();

        /** L1 (warehouse channel) fires this long before the deadline. */
        @WithDefault("PT30M")
        Duration l1Before();

        /** L3 (supervisor, coupons frozen) fires this long after the deadline. */
        @WithDefault("PT2H")
        Duration l3After();

        /** How often due tiers are looked for. */
        @WithDefault("30s")
        String checkEvery();

        /** How often every open clock's deadline is recomputed from the rules and packers on duty. */
        @WithDefault("15m")
        String recomputeEvery();

        /**
         * Initial ship-by rules by name (first matching by {@code position} wins); {@code PUT /sla-policy} replaces
         * them at runtime, and they stay replaced across restarts.
         */
        Map<String, Rule> rules();

        /** Initial packers on duty per warehouse ({@code PUT /sla-policy/packers/{warehouse}} changes it). */
        Map<String, Integer> packersOnDuty();

        /** Initial SKU prefix → category map (an order's categories are those of its SKUs). */
        Map<String, String> skuCategories();

        /** Channel conditions of an ingested order that exempt it from the SLA clock. */
        @WithDefault("PRESALE,MADE_TO_ORDER,CUSTOMER_AGREED_DELAY,DELAY_AGREED")
        List<String> exemptConditions();
    }

    interface Rule {
        @WithDefault("100")
        int position();

        Optional<String> category();

        Optional<String> warehouse();

        /** Matches when packers on duty in the order's warehouse ≥ this. */
        Optional<Integer> minPackers();

        /** Matches when packers on duty in the order's warehouse ≤ this. */
        Optional<Integer> maxPackers();

        /** The ship-by window this rule gives. */
        @WithDefault("PT2H")
        Duration window();

        /** Orders matching this rule have no SLA clock (e.g. made to order). */
        @WithDefault("false")
        boolean exempt();
    }

    interface Breaker {
        /** Open when more than this many orders wait for a label … */
        @WithDefault("500")
        long maxBacklog();

        /** … and their average time since payment is above this. */
        @WithDefault("PT2H")
        Duration maxDwell();

        /** Close (resume intake) once the backlog is below this … */
        @WithDefault("250")
        long resumeBacklog();

        /** … or the average dwell is below this (hysteresis: both under the opening thresholds). */
        @WithDefault("PT1H")
        Duration resumeDwell();

        @WithDefault("30s")
        String checkEvery();
    }

    interface Promo {
        /** More than this many new orders in a window … */
        @WithDefault("200")
        long threshold();

        @WithDefault("PT1M")
        Duration window();

        /** … in every window for this long starts promo mode; one window at or below the threshold ends it. */
        @WithDefault("PT5M")
        Duration sustain();

        @WithDefault("15s")
        String checkEvery();

        /** A window is counted only once it ended this long ago, so late-consumed orders still land in it. */
        @WithDefault("PT10S")
        Duration settle();

        /** New-order arrivals older than this are forgotten. */
        @WithDefault("PT2H")
        Duration retention();
    }

    interface Reconciliation {
        /** A deviation rate above this alerts (0.03 = 3 %). */
        @WithDefault("0.03")
        BigDecimal maxDeviation();
    }

    interface Dlq {
        @WithDefault("30s")
        String checkEvery();

        /** Dead-letter topics watched besides those of the hub's topics. */
        Optional<List<String>> extraTopics();
    }

    interface Dispatch {
        @WithDefault("2s")
        String every();

        /** Notifications of one group (kind and team) that come within this wait go out as one message. */
        @WithDefault("PT10S")
        Duration groupWait();

        /** First retry after a failed delivery; doubled per attempt up to {@code backoff-max}. Never given up. */
        @WithDefault("PT5S")
        Duration backoffInitial();

        @WithDefault("PT10M")
        Duration backoffMax();

        /** A claimed delivery not finished within this (a crash) is tried again. */
        @WithDefault("PT2M")
        Duration lease();

        @WithDefault("PT10S")
        Duration timeout();
    }

    interface Channel {
        /** {@code webhook}, {@code slack}, {@code wecom}, {@code dingtalk}, {@code email} or {@code alertmanager}. */
        String type();

        @WithDefault("true")
        boolean enabled();

        /** The endpoint: webhook/Slack/WeCom (with its key)/DingTalk (with its access_token) URL, Alertmanager base URL. */
        Optional<String> url();

        /** Webhook HMAC secret, DingTalk signing secret (SEC…). From the environment, never committed. */
        Optional<String> secret();

        /** Email recipients. */
        Optional<List<String>> to();

        /** DingTalk/WeCom mobiles to @-mention. */
        Optional<List<String>> mentionMobiles();

        /** {@code *} or a list of {@code info}, {@code warning}, {@code critical}. */
        @WithDefault("*")
        List<String> severities();

        /** {@code *} or a list of teams ({@code warehouse}, {@code oncall}, {@code supervisor}, {@code ops-director}, …). */
        @WithDefault("*")
        List<String> teams();

        /** Also tell this channel when an alert is resolved. */
        @WithDefault("true")
        boolean sendResolved();
    }
}
