package org.fundraising.twenty.schema;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.Management;
import org.fundraising.twenty.emulator.EmulatorUnprovisionedTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workspace without the fundraising objects: the service says so and writes nothing, {@code schema apply}
 * creates the whole declared model (objects, typed fields, relations), a second run creates nothing, and gifts
 * then go through.
 */
@QuarkusTest
@TestProfile(EmulatorUnprovisionedTest.Unprovisioned.class)
class SchemaProvisioningTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SchemaProvisioner provisioner;

    @Inject
    SchemaCheck check;

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
        EmulatorControl.clearStats();
    }

    @Test
    void anEmptyWorkspaceIsReportedAndNothingIsWritten() {
        awaitFinding(finding -> !finding.missing().isEmpty());
        Management.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'twenty' }.data.reason", containsString("schema incomplete"))
                .body("checks.find { it.name == 'twenty' }.data.missing", containsString("giftStaging"))
                .body("checks.find { it.name == 'twenty' }.data.missing", containsString("person.lifetimeGiftAmount"));
        EmulatorControl.clearStats();
        api().body(gift(contact("Ada", "Lovelace", "ada@example.org"), true)).post(GIFTS).then().statusCode(503)
                .body("message", containsString("giftStaging"))
                .body("message", containsString("schema apply"));
        assertEquals(Map.of(), EmulatorControl.callsByRoute(), "a write route reached Twenty with the schema missing");
        assertEquals(0, EmulatorControl.records("people"));
    }

    @Test
    void applyCreatesTheDeclaredModelOnceAndGiftsThenWork() {
        List<SchemaProvisioner.Row> plan = provisioner.apply(true).collect().asList().await().atMost(WAIT);
        assertTrue(plan.stream().noneMatch(row -> row.outcome().equals(SchemaProvisioner.CREATED)), "a dry run created " + plan);
        assertEquals(1, EmulatorControl.calls("GET /rest/metadata/objects"));
        assertEquals(0, EmulatorControl.calls("POST /rest/metadata/objects") + EmulatorControl.calls("POST /rest/metadata/fields"));

        List<SchemaProvisioner.Row> first = provisioner.apply(false).collect().asList().await().atMost(WAIT);
        long created = first.stream().filter(row -> row.outcome().equals(SchemaProvisioner.CREATED)).count();
        long planned = plan.stream().filter(row -> row.outcome().equals(SchemaProvisioner.PLANNED)).count();
        assertEquals(planned, created, "the run created other than the plan said: " + first);
        assertEquals(FundraisingSchema.OBJECTS.stream().filter(TwentyObjectSpec::custom).count(),
                EmulatorControl.calls("POST /rest/metadata/objects"));

        JsonPath objects = given().auth().oauth2(EmulatorControl.KEY).get(EmulatorControl.REST + "/metadata/objects").then()
                .statusCode(200).extract().jsonPath();
        for (TwentyObjectSpec object : FundraisingSchema.OBJECTS) {
            for (TwentyObjectSpec.Field field : object.fields()) {
                assertEquals(field.type(), objects.getString("data.objects.find { it.nameSingular == '" + object.singular()
                        + "' }.fields.find { it.name == '" + field.name() + "' }.type"), object.singular() + "." + field.name());
            }
            for (TwentyObjectSpec.Relation relation : object.relations()) {
                assertEquals("RELATION", objects.getString("data.objects.find { it.nameSingular == '" + object.singular()
                        + "' }.fields.find { it.name == '" + relation.name() + "' }.type"), object.singular() + "." + relation.name());
                String inverse = relation.inverseLabel().substring(0, 1).toLowerCase() + relation.inverseLabel().substring(1).replace(" ", "");
                assertEquals("RELATION", objects.getString("data.objects.find { it.nameSingular == '" + relation.target()
                        + "' }.fields.find { it.name == '" + inverse + "' }.type"), "the inverse list on " + relation.target());
            }
        }

        EmulatorControl.clearStats();
        List<SchemaProvisioner.Row> second = provisioner.apply(false).collect().asList().await().atMost(WAIT);
        assertTrue(second.stream().allMatch(row -> row.outcome().equals(SchemaProvisioner.PRESENT)), "second run: " + second);
        assertEquals(Map.of("GET /rest/metadata/objects", 1L), EmulatorControl.callsByRoute());

        awaitFinding(SchemaCheck.Finding::complete);
        Management.given().get("/q/health/ready").then().statusCode(200);
        api().body(gift(contact("Ada", "Lovelace", "ada@example.org"), true)).post(GIFTS).then().statusCode(200)
                .body("data.createGift.amount.amountMicros", notNullValue());
    }

    @Test
    void theFirstItemTwentyRefusesEndsTheRunWithItsReason() {
        EmulatorControl.fault(Map.of("method", "POST", "path", "/rest/metadata/fields", "mode", "error", "status", 400,
                "times", 1));
        List<SchemaProvisioner.Row> rows = provisioner.apply(false).collect().asList().await().atMost(WAIT);
        List<SchemaProvisioner.Row> failed = rows.stream().filter(SchemaProvisioner.Row::failed).toList();
        assertEquals(1, failed.size(), "one failure, then the run stops: " + rows);
        assertTrue(failed.get(0).outcome().contains("Injected fault"), "Twenty's reason is kept: " + failed.get(0));
        assertEquals(failed.get(0), rows.get(rows.size() - 1), "nothing is tried after the failure: " + rows);
        assertEquals(1, EmulatorControl.calls("POST /rest/metadata/fields"), "no field create after the refused one");
    }

    /** The check reads again within seconds of a change; this waits for the finding the test expects. */
    private void awaitFinding(Predicate<SchemaCheck.Finding> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (wanted.test(check.current().await().atMost(WAIT))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the schema check did not see the expected state: " + check.current().await().atMost(WAIT));
    }
}
