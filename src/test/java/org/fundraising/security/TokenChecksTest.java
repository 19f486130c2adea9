package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 4, per token and per client: a token Twenty refused is refused here without asking again, requests that
 * arrive together with one new token share one check, and one client address has only its own small share.
 * (The shared budget is raised here so that these rules are seen apart from it; {@link TokenFloodTest} keeps it.)
 */
@QuarkusTest
@TestProfile(TokenChecksTest.RoomyShared.class)
class TokenChecksTest {

    private static final String CHECK = "GET /rest/people";

    public static class RoomyShared extends BehindGateway.OpenEmbedded {
        @Override
        Map<String, String> extra() {
            return Map.of("fundraising.emulator.remote-access", "true", "fundraising.auth.verify-per-minute", "600",
                    "fundraising.auth.verify-burst", "100", "fundraising.auth.verify-per-address-per-minute", "3");
        }
    }

    @BeforeEach
    void countAfresh() {
        EmulatorControl.clearStats();
    }

    @Test
    void oneAddressGetsAtMostItsOwnShare() {
        String address = randomAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(given().header(BehindGateway.FORWARDED, address).auth().oauth2("one-client-" + UUID.randomUUID())
                    .get("/api/fundraising/gifts").statusCode());
        }
        assertTrue(EmulatorControl.calls(CHECK) <= 3, EmulatorControl.calls(CHECK) + " checks for one address");
        assertTrue(statuses.contains(429), "statuses " + statuses);
    }

    @Test
    void aRefusedTokenIsRememberedAndOneNewTokenIsCheckedOnceHoweverManyRequestsCarryIt() throws Exception {
        String bad = "refused-" + UUID.randomUUID();
        String address = randomAddress();
        for (int i = 0; i < 5; i++) {
            // Twenty's own refusal (401 from Twenty 2.21), remembered: the same status every time, one check.
            given().header(BehindGateway.FORWARDED, address).auth().oauth2(bad).get("/api/fundraising/appeals")
                    .then().statusCode(401);
        }
        assertEquals(1, EmulatorControl.calls(CHECK));

        String shared = "together-" + UUID.randomUUID();
        String other = randomAddress();
        List<CompletableFuture<Integer>> together = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            together.add(CompletableFuture.supplyAsync(() -> given().header(BehindGateway.FORWARDED, other)
                    .auth().oauth2(shared).get("/api/fundraising/appeals").statusCode()));
        }
        for (CompletableFuture<Integer> status : together) {
            assertEquals(401, status.get());
        }
        assertEquals(2, EmulatorControl.calls(CHECK), "concurrent requests with one new token were checked apart");
        assertEquals(0, EmulatorControl.calls("GET /rest/appeals"));
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
