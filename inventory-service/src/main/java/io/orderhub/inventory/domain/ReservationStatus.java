package io.orderhub.inventory.domain;

public enum ReservationStatus {
    RESERVED,
    RELEASED,
    CONSUMED
}
