package io.orderhub.ingest.domain.signature;

/** The outcome of a signature check; {@code reason} tells the sender what to fix. */
public record Verification(boolean valid, String reason) {
    public static Verification ok() {
        return new Verification(true, null);
    }

    public static Verification rejected(String reason) {
        return new Verification(false, reason);
    }
}
