package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading and checking a CSV runs off the event loops: with Vert.x's blocked-thread checker at 300 ms, a 20,000-row
 * file and a header of 400,000 columns leave no "blocked" warning, and the wide header is refused in a short answer.
 */
@QuarkusTest
@TestProfile(CsvOffTheEventLoopTest.TightEventLoop.class)
class CsvOffTheEventLoopTest {

    public static class TightEventLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.vertx.max-event-loop-execute-time", "300ms");
        }
    }

    private static Response upload(String batch, byte[] csv) {
        return given().auth().oauth2(EmulatorControl.KEY).contentType("text/csv; charset=utf-8").body(csv)
                .post("/api/fundraising/gift-batches/" + batch + "/import");
    }

    @Test
    void largeFilesAreReadAndCheckedOnWorkerThreads() throws Exception {
        Instant started = Instant.now();
        String batch = api().body(Map.of("name", "Big")).post("/api/fundraising/gift-batches").then().statusCode(200)
                .extract().path("data.createGiftBatch.id");
        StringBuilder rows = new StringBuilder("first_name,last_name,email,amount,currency,gift_date\n");
        for (int i = 0; i < CsvImport.MAX_ROWS; i++) {
            rows.append("Donor").append(i).append(",Example,donor").append(i).append("@example.org,not-money,GBP,2026-11-20\n");
        }
        Response checked = upload(batch, rows.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(202, checked.statusCode(), checked.asString().substring(0, Math.min(300, checked.asString().length())));
        assertEquals(CsvImport.MAX_ROWS, checked.jsonPath().getInt("counters.errors"), "every row refused, and counted");
        assertEquals(RunProgress.LISTED_REJECTIONS, checked.jsonPath().getList("import.rejected").size(), "the first ones listed");
        assertEquals(0, EmulatorControl.records("giftStagings"), "no row of a file of bad amounts is staged");

        StringBuilder wide = new StringBuilder("amount");
        for (int i = 0; i < 400_000; i++) {
            wide.append(",c").append(i);
        }
        Response refused = upload(batch, (wide + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.asString().length() < 1_000, "the answer echoes the header: " + refused.asString().length() + " bytes");
        assertTrue(refused.asString().contains("at most 200"), refused.asString());

        Thread.sleep(1_500); // the checker reports a blocked loop on its next round
        List<String> blocked = LogLines.parsed().stream()
                .filter(line -> line.path("message").asText().contains("has been blocked"))
                .filter(line -> !OffsetDateTime.parse(line.path("timestamp").asText()).toInstant().isBefore(started))
                .map(line -> line.path("message").asText()).toList();
        assertTrue(blocked.isEmpty(), "an event loop was blocked during the imports: " + blocked);
    }
}
