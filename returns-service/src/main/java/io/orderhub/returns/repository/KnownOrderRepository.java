package io.orderhub.returns.repository;

import io.orderhub.returns.domain.KnownOrder;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class KnownOrderRepository implements PanacheRepositoryBase<KnownOrder, String> {
}
