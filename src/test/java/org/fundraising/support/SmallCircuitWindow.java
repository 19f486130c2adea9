package org.fundraising.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The circuit breaker judging a small window (four attempts, three failed open it, 1.5 s open), for tests that open it. */
public class SmallCircuitWindow implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fundraising.twenty.circuit-window", "4", "fundraising.twenty.circuit-failure-ratio", "0.75",
                "fundraising.twenty.circuit-open-ms", "1500");
    }
}
