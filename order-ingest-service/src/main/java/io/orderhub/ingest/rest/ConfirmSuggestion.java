package io.orderhub.ingest.rest;

/** Optional body of a confirmation: a fee type other than the suggested one. */
public record ConfirmSuggestion(String type) {
}
