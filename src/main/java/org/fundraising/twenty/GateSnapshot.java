package org.fundraising.twenty;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** What {@code GET /api/fundraising/ops/rate-budget} reports. {@code tokensAvailable} is null when unlimited. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateSnapshot(Long tokensAvailable, int ratePerMinute, int burst, Map<String, Integer> queueDepth,
                           int queued, String pausedUntil, int rateLimitedLastHour, double predictedDrainSeconds) {
}
