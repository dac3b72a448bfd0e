package io.orderhub.reconciliation.domain;

import io.orderhub.contract.Hold;
import io.orderhub.contract.Money;
import io.orderhub.contract.OrderState;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The reconciliation rules, as plain Java: the facts of one order from the platform, the ERP, the carrier and the hub
 * in, the discrepancies with their plain-language reasons and evidence out. No I/O, no clock of its own.
 */
public final class RuleEngine {
    /** The rule thresholds (DESIGN.md "Reconciliation"; configurable under {@code orderhub.reconciliation}). */
    public record Settings(Duration auditGap, Duration syncLag, Duration settleTime, Duration pickupGrace) {
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(30), Duration.ofMinutes(30),
                Duration.ofMinutes(5), Duration.ofHours(4));
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String PLATFORM = "platform";
    private static final String ERP = "erp";
    private static final String CARRIER = "carrier";
    private static final String HUB = "hub";

    private final Settings settings;

    public RuleEngine(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public Settings settings() {
        return settings;
    }

    public Evaluation evaluate(OrderFacts f, Coverage coverage, Instant now) {
        List<Finding> findings = new ArrayList<>();
        Set<String> evaluated = new LinkedHashSet<>();
        boolean recheck = false;

        Instant latest = latestChange(f);
        boolean settled = latest == null || !latest.plus(settings.settleTime()).isAfter(now);
        if (!settled) {
            recheck = true;
        } else {
            evaluated.add(Rules.STATUS_MISMATCH);
            add(findings, status(f));
            evaluated.add(Rules.AMOUNT_MISMATCH);
            add(findings, amount(f));
            evaluated.add(Rules.FEE_MISMATCH);
            add(findings, fees(f));
        }
        evaluated.add(Rules.PAYMENT_AUDIT_GAP);
        add(findings, auditGap(f));

        if (settled && coverage.carrierAvailable()) {
            Tracking t = tracking(f, now);
            if (t.pending) {
                recheck = true;
            } else {
                evaluated.add(Rules.TRACKING_MISMATCH);
                add(findings, t.finding);
            }
        }

        if (coverage.erpAvailable()) {
            if (Coverage.hubLearnedAfter(f, coverage.erpReadAt())) {
                recheck = true; // the ERP (which the hub feeds) was read before the hub knew of this order
            } else {
                evaluated.add(Rules.MISSING_IN_ERP);
                add(findings, missingInErp(f, coverage, now));
            }
        }
        evaluated.add(Rules.MISSING_IN_HUB);
        add(findings, missingInHub(f, now));
        Coverage.PlatformCoverage pc = coverage.platform(channel(f));
        if (pc != null && pc.available()) {
            if (Coverage.hubLearnedAfter(f, pc.readAt())) {
                recheck = true;
            } else {
                evaluated.add(Rules.MISSING_IN_PLATFORM);
                add(findings, missingInPlatform(f, pc, now));
            }
        }
        if (findings.stream().anyMatch(x -> x.grayState() == GrayState.SYNC_LAG)) {
            recheck = true;
        }
        return new Evaluation(List.copyOf(findings), Set.copyOf(evaluated), recheck);
    }

    private static void add(List<Finding> findings, Finding f) {
        if (f != null) {
            findings.add(f);
        }
    }

    // ------------------------------------------------------------------------------------------ status

    Finding status(OrderFacts f) {
        Map<String, OrderState> states = new LinkedHashMap<>();
        if (f.platform() != null && f.platform().state() != null) {
            states.put(PLATFORM, f.platform().state());
        }
        if (f.erp() != null && f.erp().state() != null) {
            states.put(ERP, f.erp().state());
        }
        if (f.hub() != null && f.hub().state() != null) {
            states.put(HUB, f.hub().state());
        }
        Set<Phase> phases = states.values().stream().map(Phase::of).collect(Collectors.toCollection(TreeSet::new));
        if (phases.size() <= 1) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (states.containsKey(PLATFORM)) {
            parts.add("the platform says " + states.get(PLATFORM) + " (" + channel(f) + " status " + quote(f.platform().status()) + ")");
            evidence.put(PLATFORM, map("state", states.get(PLATFORM), "status", f.platform().status(),
                    "conditions", f.platform().conditions(), "updatedAt", f.platform().updatedAt()));
        }
        if (states.containsKey(ERP)) {
            parts.add("the ERP says " + states.get(ERP) + " (trade_status " + f.erp().statusCode() + " "
                    + ErpStatus.describe(f.erp().statusCode()) + ")");
            evidence.put(ERP, map("state", states.get(ERP), "tradeStatus", f.erp().statusCode(), "tradeNo", f.erp().tradeNo(),
                    "updatedAt", f.erp().updatedAt()));
        }
        if (states.containsKey(HUB)) {
            parts.add("the hub says " + states.get(HUB));
            evidence.put(HUB, map("state", states.get(HUB), "holds", f.hub().holds(), "updatedAt", f.hub().updatedAt()));
        }
        String hint;
        if (phases.contains(Phase.CLOSED) && phases.contains(Phase.AWAITING_SHIPMENT)) {
            hint = "closed in one system but still waiting to ship in another: stop it before it leaves the warehouse";
        } else if (phases.contains(Phase.CLOSED) && phases.contains(Phase.SHIPPED)) {
            hint = "closed in one system after it shipped in another: check for a refund or a return";
        } else if (phases.contains(Phase.UNPAID)) {
            hint = "one system never saw the payment";
        } else {
            hint = "shipped in one system but not marked shipped in another";
        }
        String signature = states.entrySet().stream().map(e -> e.getKey() + "=" + Phase.of(e.getValue()))
                .collect(Collectors.joining(";"));
        return new Finding(Rules.STATUS_MISMATCH, null, "Status disagreement: " + String.join(", ", parts) + " — " + hint + ".",
                evidence, signature);
    }

    // ------------------------------------------------------------------------------------------ payment vs audit

    Finding auditGap(OrderFacts f) {
        Instant paid = f.platform() != null && f.platform().paidAt() != null ? f.platform().paidAt()
                : f.hub() != null ? f.hub().paidAt() : null;
        String paidBy = f.platform() != null && f.platform().paidAt() != null ? "on the platform" : "according to the hub";
        Instant audit = f.erp() == null ? null : f.erp().auditAt();
        if (paid == null || audit == null) {
            return null;
        }
        Duration gap = Duration.between(paid, audit);
        if (gap.abs().compareTo(settings.auditGap()) <= 0) {
            return null;
        }
        long minutes = gap.abs().toMinutes();
        String direction = gap.isNegative() ? "audited " + minutes + " minutes BEFORE the payment"
                : minutes + " minutes apart";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put(f.platform() != null && f.platform().paidAt() != null ? PLATFORM : HUB, map("paidAt", paid));
        evidence.put(ERP, map("auditAt", audit, "tradeNo", f.erp().tradeNo(), "payAt", f.erp().payAt()));
        return new Finding(Rules.PAYMENT_AUDIT_GAP, null, "Paid " + paidBy + " at " + TIME.format(paid)
                + " but audited in the ERP at " + TIME.format(audit) + ": " + direction + " (the limit is "
                + settings.auditGap().toMinutes() + " minutes).", evidence, paid + "|" + audit);
    }

    // ------------------------------------------------------------------------------------------ amounts and fees

    Finding amount(OrderFacts f) {
        Map<String, Money> totals = new LinkedHashMap<>();
        if (f.platform() != null && f.platform().total() != null) {
            totals.put(PLATFORM, f.platform().total());
        }
        if (f.erp() != null && f.erp().total() != null) {
            totals.put(ERP, f.erp().total());
        }
        if (f.hub() != null && f.hub().total() != null) {
            totals.put(HUB, f.hub().total());
        }
        if (allEqual(totals.values())) {
            return null;
        }
        Set<String> currencies = totals.values().stream().map(Money::currency).collect(Collectors.toCollection(TreeSet::new));
        String detail = totals.entrySet().stream().map(e -> label(e.getKey()) + " " + money(e.getValue()))
                .collect(Collectors.joining(", "));
        String explanation;
        if (currencies.size() > 1) {
            explanation = "the currencies differ (" + String.join(" vs ", currencies) + ")";
        } else {
            Money first = totals.values().iterator().next();
            BigDecimal max = totals.values().stream().map(Money::amount).max(Comparator.naturalOrder()).orElseThrow();
            BigDecimal min = totals.values().stream().map(Money::amount).min(Comparator.naturalOrder()).orElseThrow();
            explanation = "a difference of " + money(new Money(max.subtract(min), first.currency()));
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        totals.forEach((source, m) -> evidence.put(source, map("total", money(m))));
        return new Finding(Rules.AMOUNT_MISMATCH, null, "The order total differs: " + detail + " — " + explanation + ".",
                evidence, signature(totals));
    }

    Finding fees(OrderFacts f) {
        Map<String, Map<String, Money>> bySource = new LinkedHashMap<>();
        if (f.platform() != null && f.platform().fees() != null) {
            bySource.put(PLATFORM, f.platform().fees());
        }
        if (f.erp() != null && f.erp().fees() != null) {
            bySource.put(ERP, f.erp().fees());
        }
        if (f.hub() != null && f.hub().fees() != null) {
            bySource.put(HUB, f.hub().fees());
        }
        Set<String> types = new TreeSet<>();
        bySource.values().forEach(m -> types.addAll(m.keySet()));
        List<String> differences = new ArrayList<>();
        List<String> signature = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (String type : types) {
            Map<String, Money> values = new LinkedHashMap<>();
            bySource.forEach((source, fees) -> {
                Money m = fees.get(type);
                if (m != null) {
                    values.put(source, m);
                }
            });
            if (values.size() < 2 || allEqual(values.values())) {
                continue;
            }
            differences.add(type.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + values.entrySet().stream()
                    .map(e -> label(e.getKey()) + " " + money(e.getValue())).collect(Collectors.joining(" vs ")));
            signature.add(type + "{" + signature(values) + "}");
            values.forEach((source, m) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) evidence.computeIfAbsent(source, k -> new LinkedHashMap<String, Object>());
                s.put(type, money(m));
            });
        }
        if (differences.isEmpty()) {
            return null;
        }
        return new Finding(Rules.FEE_MISMATCH, null, "A fee differs: " + String.join("; ", differences) + ".", evidence,
                String.join(";", signature));
    }

    // ------------------------------------------------------------------------------------------ tracking

    private record Tracking(Finding finding, boolean pending) {
    }

    Tracking tracking(OrderFacts f, Instant now) {
        Map<String, String> numbers = new LinkedHashMap<>();
        if (f.hub() != null && f.hub().trackingNumber() != null) {
            numbers.put(HUB, f.hub().trackingNumber());
        }
        if (f.platform() != null && f.platform().trackingNumber() != null) {
            numbers.put(PLATFORM, f.platform().trackingNumber());
        }
        if (f.erp() != null && f.erp().trackingNumber() != null) {
            numbers.put(ERP, f.erp().trackingNumber());
        }
        String number = numbers.isEmpty() ? null : numbers.values().iterator().next();
        List<String> reasons = new ArrayList<>();
        List<String> signature = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        boolean pending = false;

        if (new LinkedHashSet<>(numbers.values()).size() > 1) {
            reasons.add("the tracking numbers differ: " + numbers.entrySet().stream().map(e -> label(e.getKey()) + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
            signature.add("numbers=" + numbers);
        }

        String viewer;
        OrderState view;
        if (f.hub() != null && f.hub().state() != null) {
            viewer = "the hub";
            view = f.hub().state();
        } else if (f.platform() != null && f.platform().state() != null) {
            viewer = "the platform";
            view = f.platform().state();
        } else if (f.erp() != null && f.erp().state() != null) {
            viewer = "the ERP";
            view = f.erp().state();
        } else {
            viewer = null;
            view = null;
        }
        OrderFacts.Carrier c = f.carrier();
        boolean carrierOnNumber = c != null && number != null && number.equals(c.trackingNumber());
        if (view != null && c != null && c.firstPickupAt() != null && Phase.of(view) != Phase.SHIPPED) {
            String signed = c.signedAt() == null ? "" : ", and it was signed for by " + (c.signedBy() == null ? "someone" : c.signedBy())
                    + " at " + TIME.format(c.signedAt());
            reasons.add("the carrier picked up " + c.trackingNumber() + " at " + TIME.format(c.firstPickupAt()) + signed + ", but "
                    + viewer + " says " + view + " (not shipped)");
            signature.add("picked-up-not-shipped:" + c.trackingNumber() + ":" + Phase.of(view));
        } else if (view != null && Phase.of(view) == Phase.SHIPPED && number != null) {
            if (!carrierOnNumber) {
                pending = true; // the carrier has not been asked about this number yet
            } else if (c.firstPickupAt() == null) {
                Instant since = shippedSince(f);
                if (since != null && since.plus(settings.pickupGrace()).isAfter(now)) {
                    pending = true;
                } else {
                    reasons.add(viewer + " says " + view + " with " + number + (since == null ? "" : " since " + TIME.format(since))
                            + ", but the carrier has no pickup scan for it" + (c.known() ? " (last event: " + c.lastEvent() + ")"
                            : " (the carrier has no such waybill)"));
                    signature.add("shipped-not-picked-up:" + number + ":" + c.known());
                }
            }
        }
        if (reasons.isEmpty()) {
            return new Tracking(null, pending);
        }
        if (!numbers.isEmpty()) {
            numbers.forEach((source, n) -> evidence.put(source, new LinkedHashMap<>(map("trackingNumber", n))));
        }
        if (f.hub() != null) {
            evidence.computeIfAbsent(HUB, k -> new LinkedHashMap<String, Object>());
            @SuppressWarnings("unchecked")
            Map<String, Object> hub = (Map<String, Object>) evidence.get(HUB);
            hub.put("state", f.hub().state());
            hub.put("shippedAt", f.hub().shippedAt());
        }
        if (c != null) {
            evidence.put(CARRIER, map("trackingNumber", c.trackingNumber(), "known", c.known(), "firstPickupAt", c.firstPickupAt(),
                    "signedAt", c.signedAt(), "signedBy", c.signedBy(), "lastEvent", c.lastEvent(), "lastEventAt", c.lastEventAt()));
        }
        String text = String.join("; ", reasons);
        return new Tracking(new Finding(Rules.TRACKING_MISMATCH, null,
                "Tracking mismatch: " + Character.toLowerCase(text.charAt(0)) + text.substring(1) + ".", evidence,
                String.join(";", signature)), pending);
    }

    private static Instant shippedSince(OrderFacts f) {
        if (f.hub() != null && f.hub().shippedAt() != null) {
            return f.hub().shippedAt();
        }
        if (f.erp() != null && f.erp().consignAt() != null) {
            return f.erp().consignAt();
        }
        if (f.hub() != null && f.hub().updatedAt() != null) {
            return f.hub().updatedAt();
        }
        return f.platform() == null ? null : f.platform().updatedAt();
    }

    // ------------------------------------------------------------------------------------------ missing in a source

    Finding missingInErp(OrderFacts f, Coverage coverage, Instant now) {
        if (f.erp() != null) {
            return null;
        }
        Phase platform = f.platform() == null ? null : Phase.of(f.platform().state());
        Phase hub = f.hub() == null ? null : Phase.of(f.hub().state());
        if (platform == Phase.CLOSED || hub == Phase.CLOSED) {
            return null;
        }
        boolean paid = platform != null ? platform.paid() : hub != null && hub.paid();
        if (!paid) {
            return null;
        }
        Instant paidAt = earliestPaid(f);
        if (coverage.erpFrom() != null && paidAt != null && paidAt.isBefore(coverage.erpFrom())) {
            return null; // paid before the window the ERP pulls have read
        }
        GrayState gray = classify(f, now);
        String who = platform != null ? "on the platform" : "according to the hub";
        return new Finding(Rules.MISSING_IN_ERP, gray, "Paid " + who + " but missing in the ERP: " + explain(gray, f, now, "the ERP"),
                missingEvidence(f, ERP), gray.name());
    }

    Finding missingInHub(OrderFacts f, Instant now) {
        if (f.hub() != null || f.platform() == null) {
            return null;
        }
        if (f.platform().state() == OrderState.CLOSED && f.platform().paidAt() == null) {
            return null; // cancelled before payment: nothing to do anywhere
        }
        GrayState gray = classify(f, now);
        return new Finding(Rules.MISSING_IN_HUB, gray, "On the platform (" + f.platform().state() + ", " + channel(f) + " status "
                + quote(f.platform().status()) + ") but the hub has never seen it: " + explain(gray, f, now, "the hub"),
                missingEvidence(f, HUB), gray.name());
    }

    Finding missingInPlatform(OrderFacts f, Coverage.PlatformCoverage pc, Instant now) {
        if (f.platform() != null || (f.hub() == null && f.erp() == null)) {
            return null;
        }
        if (f.shop() != null && !pc.shops().contains(f.shop())) {
            return null; // a shop this service does not pull
        }
        Instant since = earliestPaid(f) != null ? earliestPaid(f) : f.firstSeenAt();
        if (since != null && pc.from() != null && since.isBefore(pc.from())) {
            return null;
        }
        GrayState gray = recent(f, now) ? GrayState.SYNC_LAG : GrayState.UNKNOWN;
        String explanation = gray == GrayState.SYNC_LAG
                ? "it is recent (" + age(f, now) + "); the next pull should bring it"
                : "the platform's order API does not return it (" + age(f, now) + "): check that it exists in the shop and was not deleted or moved";
        return new Finding(Rules.MISSING_IN_PLATFORM, gray, "Known to " + (f.hub() != null ? "the hub" : "the ERP")
                + " but missing on the platform: " + explanation + ".", missingEvidence(f, PLATFORM), gray.name());
    }

    /** Why an order is missing somewhere: explicit holds first, then recency, then a payment the hub never saw. */
    public GrayState classify(OrderFacts f, Instant now) {
        Set<String> holds = f.hub() == null || f.hub().holds() == null ? Set.of() : f.hub().holds();
        Set<String> conditions = f.platform() == null || f.platform().conditions() == null ? Set.of() : f.platform().conditions();
        if (holds.contains(Hold.RISK_REVIEW.name()) || conditions.contains("RISK_HOLD")) {
            return GrayState.RISK_INTERCEPTED;
        }
        if (priceHold(f.hub())) {
            return GrayState.PRICE_ANOMALY_HOLD;
        }
        if (recent(f, now)) {
            return GrayState.SYNC_LAG;
        }
        boolean platformPaid = f.platform() != null && Phase.of(f.platform().state()) != null && Phase.of(f.platform().state()).paid();
        boolean hubUnpaid = f.hub() == null || f.hub().state() == null || f.hub().state() == OrderState.PENDING_PAYMENT;
        if (platformPaid && hubUnpaid) {
            return GrayState.PAYMENT_CALLBACK_FAILED;
        }
        return GrayState.UNKNOWN;
    }

    private static boolean priceHold(OrderFacts.Hub hub) {
        if (hub == null || hub.holds() == null) {
            return false;
        }
        if (hub.holds().stream().anyMatch(h -> h.toUpperCase(Locale.ROOT).contains("PRICE"))) {
            return true;
        }
        return hub.holds().contains(Hold.HEALTH_RED.name()) && hub.holdReason() != null
                && hub.holdReason().toLowerCase(Locale.ROOT).contains("price");
    }

    private String explain(GrayState gray, OrderFacts f, Instant now, String source) {
        return switch (gray) {
            case PAYMENT_CALLBACK_FAILED -> (f.hub() == null ? "the hub has never received this order"
                    : "the hub still says " + (f.hub().state() == null ? "nothing about its payment" : f.hub().state()))
                    + " (" + age(f, now) + "): the payment callback never reached the hub, so the order was never released to "
                    + ("the hub".equals(source) ? "the warehouse" : source) + ". Replay the platform's notification or pull it again.";
            case RISK_INTERCEPTED -> "it is held for risk review (" + holdText(f) + "), so it was never released to " + source
                    + ". Review it: release or cancel.";
            case PRICE_ANOMALY_HOLD -> "it is held because its price check failed (" + holdText(f) + "), so it was never released to "
                    + source + ". Check the price, then release the hold.";
            case SYNC_LAG -> "it is recent (" + age(f, now) + ", within the " + settings.syncLag().toMinutes()
                    + "-minute sync lag); " + source + " has not caught up yet.";
            case UNKNOWN -> "no failed payment callback and no hold, and it was " + age(f, now) + ", longer ago than the "
                    + settings.syncLag().toMinutes() + "-minute sync lag: check " + source + "'s import log for this order.";
        };
    }

    private static String holdText(OrderFacts f) {
        if (f.hub() == null) {
            return "platform risk control";
        }
        String holds = f.hub().holds() == null || f.hub().holds().isEmpty() ? "platform risk control" : String.join(", ", new TreeSet<>(f.hub().holds()));
        return f.hub().holdReason() == null ? holds : holds + ": " + f.hub().holdReason();
    }

    private Map<String, Object> missingEvidence(OrderFacts f, String missing) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (f.platform() != null) {
            evidence.put(PLATFORM, map("state", f.platform().state(), "status", f.platform().status(), "paidAt", f.platform().paidAt(),
                    "conditions", f.platform().conditions(), "total", f.platform().total() == null ? null : money(f.platform().total())));
        }
        if (f.erp() != null) {
            evidence.put(ERP, map("tradeNo", f.erp().tradeNo(), "state", f.erp().state(), "auditAt", f.erp().auditAt()));
        }
        if (f.hub() != null) {
            evidence.put(HUB, map("state", f.hub().state(), "holds", f.hub().holds(), "holdReason", f.hub().holdReason(),
                    "paidAt", f.hub().paidAt()));
        }
        evidence.put(missing, "missing");
        return evidence;
    }

    private boolean recent(OrderFacts f, Instant now) {
        Instant since = earliestPaid(f) != null ? earliestPaid(f) : f.firstSeenAt();
        return since != null && Duration.between(since, now).compareTo(settings.syncLag()) < 0;
    }

    /** When it was paid (or first seen), as an absolute time: the reason of an open discrepancy does not change by itself. */
    private static String age(OrderFacts f, Instant now) {
        Instant paid = earliestPaid(f);
        Instant since = paid != null ? paid : f.firstSeenAt();
        if (since == null) {
            return "age unknown";
        }
        return (paid != null ? "paid " : "first seen ") + TIME.format(since);
    }

    private static Instant earliestPaid(OrderFacts f) {
        return Stream.of(f.platform() == null ? null : f.platform().paidAt(), f.hub() == null ? null : f.hub().paidAt(),
                f.erp() == null ? null : f.erp().payAt()).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Instant latestChange(OrderFacts f) {
        return Stream.of(f.platform() == null ? null : f.platform().updatedAt(), f.erp() == null ? null : f.erp().updatedAt(),
                f.hub() == null ? null : f.hub().updatedAt(), f.carrier() == null ? null : f.carrier().lastEventAt())
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    private static String channel(OrderFacts f) {
        return f.channel();
    }

    static boolean allEqual(java.util.Collection<Money> values) {
        Money first = null;
        for (Money m : values) {
            if (first == null) {
                first = m;
            } else if (!same(first, m)) {
                return false;
            }
        }
        return true;
    }

    /** Exact money equality: the same currency and the same amount (scale does not matter: 5.0 = 5.00). */
    public static boolean same(Money a, Money b) {
        return a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
    }

    /** 213.8 CNY → "213.80 CNY". */
    public static String money(Money m) {
        BigDecimal v = m.amount().stripTrailingZeros();
        if (v.scale() < 2) {
            v = v.setScale(2);
        }
        return v.toPlainString() + " " + m.currency();
    }

    private static String signature(Map<String, Money> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + money(e.getValue())).collect(Collectors.joining(","));
    }

    private static String label(String source) {
        return ERP.equals(source) ? "ERP" : source;
    }

    private static String quote(String s) {
        return s == null ? "-" : "'" + s + "'";
    }

    /** An ordered map that keeps nulls out and renders instants as ISO-8601. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v == null || (v instanceof java.util.Collection<?> c && c.isEmpty())) {
                continue;
            }
            m.put((String) kv[i], v instanceof Instant t ? t.toString() : v instanceof Enum<?> e ? e.name()
                    : v instanceof java.util.Collection<?> c ? List.copyOf(new TreeSet<>(c.stream().map(String::valueOf).toList())) : v);
        }
        return m;
    }
}
