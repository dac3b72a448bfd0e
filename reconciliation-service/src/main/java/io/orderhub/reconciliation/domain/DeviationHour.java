package io.orderhub.reconciliation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The deviation figures of one channel and hour of payment. */
@Entity
@Table(name = "deviation_hour")
@IdClass(DeviationHour.Key.class)
public class DeviationHour {
    @Id
    public String channel;
    @Id
    @Column(name = "hour_start")
    public Instant hourStart;
    /** Orders checked in this channel and hour. */
    public int orders;
    /** Of those, decided (not settling): the denominator of the rate. */
    public int decided;
    public int deviating;
    /** deviating ÷ decided, 0..1. */
    public BigDecimal rate;
    public boolean above;
    /** When the above-threshold event was published (null when under the threshold again). */
    @Column(name = "alerted_at")
    public Instant alertedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public String channel;
        public Instant hourStart;

        public Key() {
        }

        public Key(String channel, Instant hourStart) {
            this.channel = channel;
            this.hourStart = hourStart;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(channel, k.channel) && Objects.equals(hourStart, k.hourStart);
        }

        @Override
        public int hashCode() {
            return Objects.hash(channel, hourStart);
        }
    }
}
