package io.orderhub.fault;

import java.time.Duration;

/**
 * How big a run is. One code path, two sizes: {@code short} runs in every build (failsafe, well under five
 * minutes on two cores), {@code full} is {@code ./hub faults}.
 *
 * @param orders          orders created on the simulated marketplaces and pushed to the hub
 * @param stream          how long order creation is spread over (the faults are injected within it)
 * @param killRounds      how many times each service is SIGKILLed and restarted
 * @param pairedKills     kill two services at once (saves restart time in the short run)
 * @param fuzzRequests    malformed, oversized, forged and replayed requests
 */
record Size(String name, int orders, Duration stream, int killRounds, boolean pairedKills, int fuzzRequests) {

    static Size of(String name) {
        return switch (name) {
            case "short" -> new Size("short", 300, Duration.ofSeconds(75), 1, true, 2_000);
            case "full" -> new Size("full", 3_000, Duration.ofMinutes(6), 2, false, 12_000);
            default -> throw new IllegalArgumentException("faults.size is 'short' or 'full', not '" + name + "'");
        };
    }
}
