package io.orderhub.ingest.rest;

import java.util.List;

public record QuarantinePage(List<QuarantinedPayload> items, int page, int size, long total) {
}
