package io.orderhub.returns.repository;

import io.orderhub.returns.domain.ReturnAudit;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReturnAuditRepository implements PanacheRepositoryBase<ReturnAudit, UUID> {

    public Uni<List<ReturnAudit>> forReturn(UUID returnId) {
        return list("returnId = ?1 order by seq", returnId);
    }
}
