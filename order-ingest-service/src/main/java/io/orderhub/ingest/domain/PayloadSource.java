package io.orderhub.ingest.domain;

/** How a stored payload arrived: pushed by the platform, or fetched by the scheduled pull. */
public enum PayloadSource {
    WEBHOOK,
    PULL
}
