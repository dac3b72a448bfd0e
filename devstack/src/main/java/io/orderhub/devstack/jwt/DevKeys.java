package io.orderhub.devstack.jwt;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The local stack's token issuer: an RSA key pair made on first use (never committed), whose public
 * half the services are configured with, and tokens signed with the private half.
 */
public final class DevKeys {
    public static final String ISSUER = "https://orderhub.local/dev";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static DevKeys generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            return new DevKeys(pair.getPrivate(), pair.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code dir/private.pem} and {@code dir/public.pem}, making them first if absent. */
    public static DevKeys loadOrCreate(Path dir) {
        Path priv = dir.resolve("private.pem");
        Path pub = dir.resolve("public.pem");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                KeyFactory kf = KeyFactory.getInstance("RSA");
                return new DevKeys(kf.generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(priv)))),
                        kf.generatePublic(new X509EncodedKeySpec(pemBody(Files.readString(pub)))));
            }
            DevKeys keys = generate();
            Files.createDirectories(dir);
            Files.writeString(priv, pem("PRIVATE KEY", keys.privateKey.getEncoded()));
            Files.writeString(pub, keys.publicKeyPem());
            return keys;
        } catch (IOException | NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("cannot read or write the dev JWT keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A bearer token for {@code role}, valid for {@code ttl}. */
    public String token(String role, Duration ttl) {
        return Jwt.issuer(ISSUER)
                .upn("dev-" + role)
                .subject("dev-" + role)
                .groups(Set.of(role))
                .expiresIn(ttl)
                .jws().keyId("orderhub-dev")
                .sign(privateKey);
    }

    public String token(String role) {
        return token(role, Duration.ofHours(12));
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
