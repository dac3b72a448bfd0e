package io.orderhub.reconciliation.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person's resolution: what was done about it. */
public record ResolveRequest(
        @NotBlank(message = "note is required: say what was done, e.g. {\"note\": \"refund confirmed with the platform\"}")
        @Size(max = 2000, message = "note must be at most 2000 characters") String note) {
}
