package io.orderhub.returns.repository;

import io.orderhub.returns.domain.ReturnRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ReturnRequestRepository implements PanacheRepositoryBase<ReturnRequest, UUID> {
}
