package io.orderhub.state.domain;

/** What a request brings with it: a label (carrier + tracking number), a confirmed reservation. */
public record Evidence(String carrier, String trackingNumber, boolean reservationConfirmed) {
    public static final Evidence NONE = new Evidence(null, null, false);

    public static Evidence label(String carrier, String trackingNumber) {
        return new Evidence(carrier, trackingNumber, false);
    }

    public static Evidence tracking(String trackingNumber) {
        return new Evidence(null, trackingNumber, false);
    }

    public static Evidence reservation() {
        return new Evidence(null, null, true);
    }
}
