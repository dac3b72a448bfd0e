package io.orderhub.inventory.rest;

import io.orderhub.contract.FundingStatus;
import io.orderhub.inventory.domain.Reservation;
import io.orderhub.inventory.domain.ReservationStatus;

public record ReservationView(String lineId, String sku, String warehouse, int quantity, FundingStatus funding,
        ReservationStatus status) {
    public static ReservationView of(Reservation r) {
        return new ReservationView(r.lineId, r.sku, r.warehouse, r.quantity, r.funding, r.status);
    }
}
