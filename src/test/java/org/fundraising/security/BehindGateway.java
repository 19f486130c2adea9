package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The service as deployed behind the gateway: client addresses come from {@code X-Forwarded-For}, sent by a
 * trusted proxy on loopback, so tests can speak as many clients from one machine.
 */
public class BehindGateway implements QuarkusTestProfile {

    static final String FORWARDED = "X-Forwarded-For";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        config.putAll(extra());
        return config;
    }

    Map<String, String> extra() {
        return Map.of();
    }

    /**
     * Remote clients may use the embedded mode here, as on a shared demo host, and new tokens are checked within
     * the production verification budget (the test profile raises it for the other tests).
     */
    public static class OpenEmbedded extends BehindGateway {
        @Override
        Map<String, String> extra() {
            return Map.of("fundraising.emulator.remote-access", "true", "fundraising.auth.verify-per-minute", "6",
                    "fundraising.auth.verify-burst", "2", "fundraising.auth.verify-per-address-per-minute", "3");
        }
    }
}
