package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.DlqDepth;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DlqDepthRepository implements PanacheRepositoryBase<DlqDepth, String> {
}
