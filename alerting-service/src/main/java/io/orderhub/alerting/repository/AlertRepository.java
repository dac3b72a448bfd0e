package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.Alert;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {
    /** The alert of a dedupe key, row-locked for the rest of the transaction. */
    public Uni<Alert> lockByKey(String dedupeKey) {
        return find("dedupeKey", dedupeKey).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Alert> lockById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
