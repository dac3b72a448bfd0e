package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.SkuCategory;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SkuCategoryRepository implements PanacheRepositoryBase<SkuCategory, String> {
}
