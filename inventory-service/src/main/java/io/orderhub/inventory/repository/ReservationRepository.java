package io.orderhub.inventory.repository;

import io.orderhub.inventory.domain.Reservation;
import io.orderhub.inventory.domain.ReservationStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID> {

    public Uni<List<Reservation>> forOrder(String globalOrderId) {
        return find("globalOrderId", Sort.by("lineId"), globalOrderId).list();
    }

    public Uni<List<Reservation>> forOrder(String globalOrderId, ReservationStatus status) {
        return find("globalOrderId = ?1 and status = ?2", Sort.by("lineId"), globalOrderId, status).list();
    }
}
