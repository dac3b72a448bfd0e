package io.orderhub.state.domain;

import io.orderhub.contract.FundingStatus;
import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** An order in the hub's vocabulary. Changed only under a row lock ({@code PESSIMISTIC_WRITE}). */
@Entity
@Table(name = "orders")
public class Order {
    @Id
    @Column(name = "global_order_id")
    public String globalOrderId;
    public String channel;
    public String shop;
    @Column(name = "channel_order_id")
    public String channelOrderId;
    @Column(name = "channel_status")
    public String channelStatus;
    @Enumerated(EnumType.STRING)
    public OrderState state;
    /** Comma-separated {@link Hold} names; use {@link #holdSet()}. */
    @Column(name = "holds")
    public String holds = "";
    /** Comma-separated {@link Condition} names; use {@link #conditionSet()}. */
    @Column(name = "conditions")
    public String conditions = "";
    @Enumerated(EnumType.STRING)
    public FundingStatus funding = FundingStatus.NONE;
    public String currency;
    public BigDecimal total;
    /** Standard fee type → amount, as JSON. */
    @Column(name = "fees", columnDefinition = "text")
    public String fees;
    @Column(name = "paid_at")
    public Instant paidAt;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Column(name = "reservation_confirmed")
    public boolean reservationConfirmed;
    @Column(name = "health_score")
    public int healthScore;
    /** The shipping address as JSON. */
    @Column(name = "shipping_address", columnDefinition = "text")
    public String shippingAddress;
    @Column(name = "address_complete")
    public boolean addressComplete;
    @Column(name = "buyer_phone")
    public String buyerPhone;
    public String province;
    @Column(name = "channel_created_at")
    public Instant channelCreatedAt;
    @Column(name = "channel_updated_at")
    public Instant channelUpdatedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public Set<Hold> holdSet() {
        return parse(holds, Hold.class);
    }

    public void holdSet(Set<Hold> set) {
        holds = join(set);
    }

    public Set<Condition> conditionSet() {
        return parse(conditions, Condition.class);
    }

    public void conditionSet(Set<Condition> set) {
        conditions = join(set);
    }

    public OrderFacts facts() {
        return new OrderFacts(globalOrderId, state, holdSet(), conditionSet(), carrier, trackingNumber, reservationConfirmed);
    }

    private static <E extends Enum<E>> Set<E> parse(String s, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        if (s != null && !s.isBlank()) {
            Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).forEach(x -> set.add(Enum.valueOf(type, x)));
        }
        return set;
    }

    private static String join(Set<? extends Enum<?>> set) {
        return set == null ? "" : set.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
