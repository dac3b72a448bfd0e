package io.orderhub.ingest.domain.signature;

/** What a shop signs with: its secret, and the app key for the schemes that sign it too (Douyin). */
public record Credential(String secret, String appKey) {
    @Override
    public String toString() {
        return "Credential[appKey=" + appKey + ", secret=***]";
    }
}
