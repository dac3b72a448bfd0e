package io.orderhub.alerting.repository;

import io.orderhub.alerting.domain.PackerRoster;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PackerRosterRepository implements PanacheRepositoryBase<PackerRoster, String> {
}
