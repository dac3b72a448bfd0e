package io.orderhub.alerting.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Request bodies of the alerting API. */
public final class Requests {
    private Requests() {
    }

    /** A person pages a team by hand. */
    public record ManualAlert(
            @NotBlank(message = "severity is required: info, warning or critical") String severity,
            @NotBlank(message = "team is required, e.g. warehouse, oncall, supervisor, ops-director") String team,
            @NotBlank(message = "summary is required: say what is wrong and what to do") @Size(max = 2000) String summary,
            String globalOrderId,
            @Size(max = 150) String dedupeKey) {
    }

    /** Alerts matching every given field are muted until the silence ends. */
    public record NewSilence(String kind, String severity, String team, String globalOrderId, String dedupeKeyPrefix,
            @NotBlank(message = "reason is required: say why these alerts may be muted") String reason,
            @NotNull(message = "duration is required, ISO-8601, e.g. PT2H") Duration duration) {
    }

    public record Exemption(
            @NotBlank(message = "reason is required, e.g. CUSTOMER_AGREED_DELAY") String reason,
            String note) {
    }

    public record Packers(@NotNull(message = "packers is required, e.g. {\"packers\": 6}") @Min(value = 0, message = "packers must be 0 or more") Integer packers) {
    }

    public record Rule(
            @NotBlank(message = "every rule needs a name") String name,
            int position,
            String category,
            String warehouse,
            Integer minPackers,
            Integer maxPackers,
            Duration window,
            boolean exempt) {
    }

    public record Policy(@NotNull(message = "rules is required (may be empty)") List<@Valid Rule> rules,
            Map<String, Integer> packersOnDuty, Map<String, String> skuCategories) {
    }
}
