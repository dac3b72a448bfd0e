package io.orderhub.reconciliation.repository;

import io.orderhub.reconciliation.domain.HubOrder;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class HubOrderRepository implements PanacheRepositoryBase<HubOrder, String> {
}
