package org.fundraising.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Totals followed as gifts change: recomputes on, and the service's public address set to the test port, so the
 * embedded emulator's gift webhooks (registered at start) reach it as Twenty's would.
 */
public class RollupProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fundraising.rollup.incremental", "true",
                "fundraising.public-url", "http://localhost:${quarkus.http.test-port}");
    }
}
