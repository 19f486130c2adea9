package org.fundraising.support;

import io.restassured.path.json.JsonPath;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;

/** Starting a gift batch's run and waiting for its end, as a client polls it. */
public final class BatchRunsApi {

    public static final String BATCHES = "/api/fundraising/gift-batches";

    private BatchRunsApi() {
    }

    /** Starts the run at {@code type} (process, donor-match, donor-match/create-donors/run) and waits for its end. */
    public static JsonPath run(String batch, String type, Map<String, Object> start) {
        String runId = (start == null ? api() : api().body(start)).post(BATCHES + "/" + batch + "/" + type)
                .then().statusCode(202).extract().path("runId");
        return awaitFinished(batch, type, runId);
    }

    /** Uploads a CSV into the batch (202: an import run) and waits for the run's end; its {@code import} says what it did. */
    public static JsonPath importCsv(String batch, String csv) {
        return importCsv(batch, csv, Map.of());
    }

    /** As {@link #importCsv(String, String)}, with query parameters ({@code mapping}, {@code mappingName}). */
    public static JsonPath importCsv(String batch, String csv, Map<String, String> query) {
        String runId = given().auth().oauth2(EmulatorControl.KEY).contentType("text/csv").queryParams(query).body(csv)
                .post(BATCHES + "/" + batch + "/import").then().statusCode(202).extract().path("runId");
        return awaitFinished(batch, "import", runId);
    }

    public static JsonPath awaitFinished(String batch, String type, String runId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath snapshot = api().get(BATCHES + "/" + batch + "/" + type + "/" + runId).then().statusCode(200).extract().jsonPath();
            if (snapshot.getString("finishedAt") != null) {
                return snapshot;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for run " + runId);
            }
        }
        throw new AssertionError(type + " run " + runId + " did not finish in 60 s");
    }
}
