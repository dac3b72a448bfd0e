package io.orderhub.ingest.repository;

import io.orderhub.ingest.domain.ShopCredential;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ShopCredentialRepository implements PanacheRepositoryBase<ShopCredential, ShopCredential.Key> {
    public Uni<ShopCredential> get(String channel, String shop) {
        return findById(new ShopCredential.Key(channel, shop));
    }
}
