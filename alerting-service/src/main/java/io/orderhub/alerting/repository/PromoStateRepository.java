package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.PromoState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PromoStateRepository implements PanacheRepositoryBase<PromoState, Short> {
}
