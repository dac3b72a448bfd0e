package io.orderhub.returns.repository;

import io.orderhub.returns.domain.ReturnRequest;
import io.orderhub.returns.domain.ReturnStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReturnRequestRepository implements PanacheRepositoryBase<ReturnRequest, UUID> {

    public Uni<List<ReturnRequest>> forOrder(String globalOrderId) {
        return list("globalOrderId = ?1 order by createdAt", globalOrderId);
    }

    /** The order's returns in {@code status}, row-locked. */
    public Uni<List<ReturnRequest>> lockedForOrder(String globalOrderId, ReturnStatus status) {
        return find("globalOrderId = ?1 and status = ?2 order by createdAt", globalOrderId, status.name())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Received returns whose quality check is overdue and not yet escalated, row-locked. */
    public Uni<List<ReturnRequest>> lockedOverdueQc(Instant now, int limit) {
        return find("status = ?1 and qcOverdueAt is null and qcDueAt <= ?2 order by qcDueAt",
                ReturnStatus.RECEIVED.name(), now)
                .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, limit).list();
    }
}
