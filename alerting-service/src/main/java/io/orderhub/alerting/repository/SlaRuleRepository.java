package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.SlaRule;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SlaRuleRepository implements PanacheRepositoryBase<SlaRule, String> {
}
