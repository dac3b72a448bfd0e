package io.orderhub.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.ingest.service.RenormalizeService;

import java.time.Instant;

/** The mapping after a confirmed suggestion and, with {@code ?renormalize=true}, what re-normalizing the stored payloads did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfirmAnswer(String channel, int version, String updatedBy, Instant updatedAt, JsonNode mapping,
        RenormalizeService.Result renormalized) {

    static ConfirmAnswer of(MappingView view, RenormalizeService.Result renormalized) {
        return new ConfirmAnswer(view.channel(), view.version(), view.updatedBy(), view.updatedAt(), view.mapping(), renormalized);
    }
}
