package io.orderhub.ingest.service;

import io.orderhub.ingest.domain.ShopCredential;
import io.orderhub.ingest.domain.signature.Credential;
import io.orderhub.ingest.repository.ShopCredentialRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shops' signing credentials for the webhook path, read from {@code shop_credential} at most once per
 * {@link #TTL} per shop: a lookup per push was a session and a database round trip before every answer. A shop that
 * is not found is not remembered (a newly registered shop is accepted at once, and random paths cannot grow the
 * cache); a changed secret is picked up within the TTL. This service has no API that edits a credential (they are
 * written from configuration at startup, before any push is verified); whatever edits one in this process calls
 * {@link #forget} so the change applies at once.
 */
@ApplicationScoped
public class SigningCredentials {
    static final Duration TTL = Duration.ofSeconds(10);

    @Inject
    ShopCredentialRepository credentials;

    private final Map<ShopCredential.Key, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Credential credential, long expiresAtNanos) {
    }

    /** The shop's credential, or null when no such shop is registered on the channel. */
    public Uni<Credential> of(String channel, String shop) {
        ShopCredential.Key key = new ShopCredential.Key(channel, shop);
        Remembered known = remembered.get(key);
        long now = System.nanoTime();
        if (known != null && now - known.expiresAtNanos() < 0) {
            return Uni.createFrom().item(known.credential());
        }
        return Panache.withSession(() -> credentials.get(channel, shop)).map(found -> {
            if (found == null) {
                remembered.remove(key);
                return null;
            }
            Credential credential = new Credential(found.secret, found.appKey);
            remembered.put(key, new Remembered(credential, now + TTL.toNanos()));
            return credential;
        });
    }

    /** Drops the shop's remembered credential: the next push reads the stored one. */
    public void forget(String channel, String shop) {
        remembered.remove(new ShopCredential.Key(channel, shop));
    }
}
