package io.orderhub.inventory.repository;

import io.orderhub.inventory.domain.SkuSetting;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class SkuSettingRepository implements PanacheRepositoryBase<SkuSetting, String> {
    public Uni<List<SkuSetting>> forSkus(Collection<String> skus) {
        return list("sku in ?1", skus);
    }
}
