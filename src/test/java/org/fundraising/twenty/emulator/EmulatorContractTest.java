package org.fundraising.twenty.emulator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One group per rule of rest-contract.md §10: they also document what Twenty does. */
@QuarkusTest
class EmulatorContractTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @AfterEach
    void throttleOff() {
        EmulatorControl.throttle(0, false);
    }

    static RequestSpecification twenty() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON).basePath(EmulatorControl.REST);
    }

    static String person(String first, String last, String email) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", Map.of("firstName", first, "lastName", last));
        if (email != null) {
            body.put("emails", Map.of("primaryEmail", email));
        }
        return twenty().body(body).post("/people").then().statusCode(201).extract().path("data.createPerson.id");
    }

    static void gifts(int count, String currency) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(Map.of("name", "g" + i, "amount", Map.of("amountMicros", (i + 1) * 1_000_000L, "currencyCode", currency)));
            if (batch.size() == 60 || i == count - 1) {
                twenty().body(batch).post("/batch/gifts").then().statusCode(201);
                batch.clear();
            }
        }
    }

    @Nested
    class Rule1BearerCheck {
        @Test
        void unknownOrMissingKeyIsUnauthenticated() {
            // As Twenty 2.21 answers (recording 24).
            given().basePath(EmulatorControl.REST).get("/people").then().statusCode(401)
                    .body("statusCode", equalTo(401)).body("error", equalTo("UNAUTHENTICATED"))
                    .body("messages", contains("Token invalid."));
            given().basePath(EmulatorControl.REST).auth().oauth2("wrong").get("/people").then().statusCode(401);
            twenty().get("/people").then().statusCode(200);
        }

        @Test
        void healthIsPublic() {
            given().get("/twenty-emulator/healthz").then().statusCode(200).body("status", equalTo("ok"))
                    .body("info", notNullValue());
        }
    }

    @Nested
    class Rule2ObjectsAndEnvelopes {
        @Test
        void personEnvelopes() {
            String id = person("Ada", "Lovelace", "ada@example.org");
            twenty().get("/people/" + id).then().statusCode(200).body("data.person.id", equalTo(id))
                    .body("data.person.name.firstName", equalTo("Ada"));
            twenty().get("/people").then().statusCode(200).body("data.people", hasSize(1))
                    .body("totalCount", equalTo(1)).body("pageInfo.hasNextPage", equalTo(false))
                    .body("pageInfo.startCursor", notNullValue());
            twenty().body(Map.of("jobTitle", "Analyst")).patch("/people/" + id).then().statusCode(200)
                    .body("data.updatePerson.jobTitle", equalTo("Analyst"));
            twenty().delete("/people/" + id).then().statusCode(200).body("data.deletePerson.id", equalTo(id));
            twenty().get("/people/" + id).then().statusCode(404).body("messages", contains("Record not found"));
        }

        @Test
        void customObjectEnvelopes() {
            String id = twenty().body(Map.of("amount", Map.of("amountMicros", 12_500_000, "currencyCode", "EUR")))
                    .post("/gifts").then().statusCode(201).extract().path("data.createGift.id");
            twenty().get("/gifts/" + id).then().body("data.gift.amount.amountMicros", equalTo(12_500_000));
            twenty().body(List.of(Map.of("name", "a"))).post("/batch/gifts").then().statusCode(201)
                    .body("data.createGifts", hasSize(1));
            twenty().body(Map.of("notes", "x")).patch("/gifts?filter=id[eq]:" + id).then().statusCode(200)
                    .body("data.updateGifts[0].notes", equalTo("x"));
        }

        @Test
        void objectsAreKnownByPluralOnly() {
            twenty().get("/person").then().statusCode(400)
                    .body("messages[0]", equalTo("object 'person' not found. Did you mean 'people'?"));
            twenty().get("/unicorns").then().statusCode(400)
                    .body("messages[0]", equalTo("object 'unicorns' not found. eg: companies"));
            twenty().get("/people/not-a-uuid").then().statusCode(400)
                    .body("messages[0]", equalTo("'not-a-uuid' is not a valid UUID"));
            twenty().get("/people/a/b").then().statusCode(400).body("messages[0]", containsString("invalid"));
        }

        @Test
        void writesAreChecked() {
            twenty().body(Map.of("foo", 1)).post("/people").then().statusCode(400)
                    .body("messages[0]", equalTo("Object person doesn't have any \"foo\" field."));
            twenty().body(Map.of("amount", Map.of("amountMicros", 1, "currency", "EUR"))).post("/gifts").then()
                    .statusCode(400).body("messages[0]", containsString("sub-field"));
            twenty().body(Map.of("giftDate", "31/01/2026")).post("/gifts").then().statusCode(400);
            twenty().body(Map.of("gifts", List.of())).post("/people").then().statusCode(400)
                    .body("messages[0]", containsString("One-to-many"));
            twenty().body(Map.of("donorId", UUID.randomUUID().toString())).post("/gifts").then().statusCode(400)
                    .body("messages[0]", containsString("foreign key"));
            String donor = person("Ada", "Lovelace", null);
            twenty().body(Map.of("donorId", donor)).post("/gifts").then().statusCode(201)
                    .body("data.createGift.donorId", equalTo(donor));
        }

        @Test
        void depthOneEmbedsRelations() {
            String donor = person("Ada", "Lovelace", null);
            String gift = twenty().body(Map.of("donorId", donor)).post("/gifts").then().extract().path("data.createGift.id");
            twenty().get("/gifts/" + gift + "?depth=1").then().body("data.gift.donor.id", equalTo(donor));
            twenty().get("/gifts/" + gift + "?depth=0").then().body("data.gift.donor", nullValue());
            twenty().get("/people/" + donor + "?depth=1").then().body("data.person.gifts.id", contains(gift));
            twenty().get("/gifts?depth=2").then().statusCode(400)
                    .body("messages[0]", equalTo("'depth=2' parameter invalid. Allowed values are 0, 1"));
        }
    }

    @Nested
    class Rule3Statuses {
        @Test
        void createsAre201AndTheRest200() {
            twenty().body(Map.of()).post("/gifts").then().statusCode(201);
            twenty().body(List.of(Map.of())).post("/batch/gifts").then().statusCode(201);
            twenty().body(Map.of("data", List.of(Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")))))
                    .post("/people/duplicates").then().statusCode(200);
            twenty().get("/gifts").then().statusCode(200);
        }
    }

    @Nested
    class Rule4Parameters {
        @Test
        void limitDefaultsTo60AndIsClampedAt200() {
            gifts(201, "GBP");
            twenty().get("/gifts").then().body("data.gifts", hasSize(60)).body("totalCount", equalTo(201))
                    .body("pageInfo.hasNextPage", equalTo(true));
            // As Twenty 2.21 answers a read of 500 (recording 15).
            twenty().get("/gifts?limit=500").then().body("data.gifts", hasSize(200)).body("pageInfo.hasNextPage", equalTo(true));
            twenty().get("/gifts?limit=abc").then().statusCode(400)
                    .body("messages[0]", equalTo("limit 'abc' is invalid. Should be an integer"));
            twenty().get("/gifts?limit=-1").then().statusCode(400);
        }

        @Test
        void cursorsWalkEveryRecordOnceBothWays() {
            gifts(130, "GBP");
            Set<String> seen = new HashSet<>();
            String cursor = null;
            int pages = 0;
            List<String> lastPageStarts = new ArrayList<>();
            while (true) {
                JsonPath page = twenty().queryParams(cursor == null ? Map.of("limit", 50)
                        : Map.of("limit", 50, "starting_after", cursor)).get("/gifts").then().statusCode(200).extract().jsonPath();
                List<String> ids = page.getList("data.gifts.id");
                assertTrue(ids.stream().noneMatch(seen::contains), "a record came twice");
                seen.addAll(ids);
                pages++;
                lastPageStarts.add(page.getString("pageInfo.startCursor"));
                if (!page.getBoolean("pageInfo.hasNextPage")) {
                    break;
                }
                cursor = page.getString("pageInfo.endCursor");
            }
            assertEquals(130, seen.size());
            assertEquals(3, pages);
            JsonPath back = twenty().queryParams(Map.of("limit", 50, "ending_before", lastPageStarts.get(2)))
                    .get("/gifts").then().statusCode(200).extract().jsonPath();
            assertEquals(50, back.getList("data.gifts").size());
            twenty().get("/gifts?starting_after=a&ending_before=b").then().statusCode(400)
                    .body("messages[0]", equalTo("Cannot provide both before and after"));
            twenty().get("/gifts?starting_after=bm90LWEtY3Vyc29y").then().statusCode(400)
                    .body("messages[0]", containsString("Invalid cursor"));
        }

        @Test
        void orderByDirectionsAndNulls() {
            twenty().body(List.of(
                    Map.of("name", "b", "amount", Map.of("amountMicros", 2, "currencyCode", "GBP")),
                    Map.of("name", "c"),
                    Map.of("name", "a", "amount", Map.of("amountMicros", 3, "currencyCode", "GBP")))).post("/batch/gifts");
            twenty().get("/gifts?order_by=amount.amountMicros[DescNullsLast]").then()
                    .body("data.gifts.name", contains("a", "b", "c"));
            twenty().get("/gifts?order_by=amount.amountMicros[AscNullsFirst]").then()
                    .body("data.gifts.name", contains("c", "b", "a"));
            twenty().get("/gifts?order_by=name").then().body("data.gifts.name", contains("a", "b", "c"));
            twenty().get("/gifts?order_by=name[Sideways]").then().statusCode(400)
                    .body("messages[0]", containsString("'order_by' direction 'Sideways' invalid"));
        }

        @Test
        void filterGrammar() {
            String ada = person("Ada", "Lovelace", "ada@example.org");
            String bob = person("Bob", "Li", "bob@example.org");
            person("Cy", "Twombly", null);
            assertFilter("name.firstName[eq]:Ada", 1);
            assertFilter("name.firstName[neq]:Ada", 2);
            assertFilter("id[in]:[" + ada + "," + bob + "]", 2);
            assertFilter("emails.primaryEmail[eq]:\"\"", 1);
            // Twenty stores "" for text never written, which is not NULL.
            assertFilter("jobTitle[is]:NULL", 0);
            assertFilter("jobTitle[eq]:\"\"", 3);
            assertFilter("createdAt[is]:NOT_NULL", 3);
            assertFilter("name.lastName[like]:\"%ov%\"", 1);
            assertFilter("name.lastName[ilike]:\"%LI%\"", 1);
            assertFilter("name.firstName[startsWith]:B", 1);
            assertFilter("position[gt]:1", 2);
            assertFilter("position[gte]:1", 3);
            assertFilter("position[lt]:2", 1);
            assertFilter("position[lte]:2", 2);
            assertFilter("or(name.firstName[eq]:Ada,name.firstName[eq]:Bob)", 2);
            assertFilter("and(name.firstName[eq]:Ada,name.lastName[eq]:Li)", 0);
            assertFilter("name.firstName[eq]:Ada,name.lastName[eq]:Lovelace", 1);
            assertFilter("not(name.firstName[eq]:Ada)", 2);
            assertFilter("or(name.firstName[eq]:\"Ada,Bob\",not(id[is]:NULL))", 3);
            twenty().queryParam("filter", "name.firstName=Ada").get("/people").then().statusCode(400)
                    .body("messages[0]", containsString("eg: price[gte]:10"));
            twenty().queryParam("filter", "name.firstName[like]:A,or(").get("/people").then().statusCode(400)
                    .body("messages[0]", containsString("close bracket is missing"));
            twenty().queryParam("filter", "id[in]:" + ada).get("/people").then().statusCode(400)
                    .body("messages[0]", containsString("array value expected"));
            twenty().queryParam("filter", "id[near]:x").get("/people").then().statusCode(400)
                    .body("messages[0]", containsString("comparator near not in"));
            twenty().queryParam("filter", "not(id[is]:NULL,id[is]:NULL)").get("/people").then().statusCode(400);
        }

        private void assertFilter(String filter, int expected) {
            twenty().queryParam("filter", filter).get("/people").then().statusCode(200)
                    .body("totalCount", equalTo(expected));
        }

        @Test
        void softDeletedRecordsAreHiddenUnlessAsked() {
            String id = person("Ada", "Lovelace", null);
            twenty().delete("/people/" + id + "?soft_delete=true").then().statusCode(200);
            twenty().get("/people").then().body("totalCount", equalTo(0));
            twenty().queryParam("filter", "deletedAt[is]:NOT_NULL").get("/people").then().body("totalCount", equalTo(1));
            twenty().delete("/people?filter=").then().statusCode(400).body("messages[0]", containsString("Filters are mandatory"));
        }
    }

    @Nested
    class Rule5Batch {
        @Test
        void sixtyOneAreTakenAndMoreThanTheReadLimitRefused() {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 61; i++) {
                records.add(Map.of("name", "g" + i));
            }
            // Twenty 2.21 took a batch of 61 (recording 35); this service still sends at most 60.
            twenty().body(records).post("/batch/gifts").then().statusCode(201).body("data.createGifts", hasSize(61));
            for (int i = 61; i < 201; i++) {
                records.add(Map.of("name", "g" + i));
            }
            twenty().body(records).post("/batch/gifts").then().statusCode(400)
                    .body("messages[0]", equalTo("Maximum number of records to upsert is 200."));
            twenty().body(Map.of("name", "x")).post("/batch/gifts").then().statusCode(400)
                    .body("messages[0]", equalTo("Body must be an array"));
            assertEquals(61, EmulatorControl.stats().getInt("records.gifts"));
        }

        @Test
        void oneBadRecordWritesNothing() {
            twenty().body(List.of(Map.of("name", "good"), Map.of("name", "bad", "giftDate", "not a date")))
                    .post("/batch/gifts").then().statusCode(400);
            String id = UUID.randomUUID().toString();
            twenty().body(List.of(Map.of("id", id), Map.of("id", id))).post("/batch/gifts").then().statusCode(400)
                    .body("messages[0]", equalTo("A duplicate entry was detected"));
            assertEquals(0, EmulatorControl.stats().getInt("records.gifts"));
        }

        @Test
        void upsertMatchesIdAndUniqueEmail() {
            String id = person("Ada", "Lovelace", "ada@example.org");
            twenty().body(List.of(
                            Map.of("id", id, "jobTitle", "Countess"),
                            Map.of("emails", Map.of("primaryEmail", "ada@example.org"), "avatarUrl", "ada.png"),
                            Map.of("name", Map.of("firstName", "New", "lastName", "Person"))))
                    .post("/batch/people?upsert=true").then().statusCode(201).body("data.createPeople", hasSize(3));
            twenty().get("/people/" + id).then().body("data.person.jobTitle", equalTo("Countess"))
                    .body("data.person.avatarUrl", equalTo("ada.png"));
            assertEquals(2, EmulatorControl.stats().getInt("records.people"));
        }
    }

    @Nested
    class Rule6UniqueEmail {
        @Test
        void secondPersonWithThePrimaryEmailIsRefused() {
            person("Ada", "Lovelace", "ada@example.org");
            twenty().body(Map.of("emails", Map.of("primaryEmail", "ada@example.org"))).post("/people").then()
                    .statusCode(400).body("messages[0]", equalTo("A duplicate entry was detected"));
            person("Ada", "Lovelace", "ADA@example.org");
        }

        @Test
        void clientIdsAreAcceptedOnceOnly() {
            String id = UUID.randomUUID().toString();
            twenty().body(Map.of("id", id)).post("/gifts").then().statusCode(201).body("data.createGift.id", equalTo(id));
            twenty().body(Map.of("id", id)).post("/gifts").then().statusCode(400)
                    .body("messages[0]", equalTo("A duplicate entry was detected"));
        }
    }

    @Nested
    class Rule7Duplicates {
        @Test
        void personCriteriaExactAndAtLeastThreeCharacters() {
            String ada = person("Ada", "Lovelace", "ada@example.org");
            person("Al", "Li", null);
            person("Ada", "Byron", "countess@example.org");
            JsonPath answer = twenty().body(Map.of("data", List.of(
                    Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")),
                    Map.of("name", Map.of("firstName", "Al", "lastName", "Li")),
                    Map.of("name", Map.of("firstName", "Zed", "lastName", "Zee"), "emails", Map.of("primaryEmail", "ada@example.org")),
                    Map.of("name", Map.of("firstName", "ada", "lastName", "lovelace")))))
                    .post("/people/duplicates?depth=0").then().statusCode(200).extract().jsonPath();
            assertEquals(4, answer.getList("data").size());
            assertEquals(List.of(ada), answer.getList("data[0].personDuplicates.id"));
            assertEquals(List.of(), answer.getList("data[1].personDuplicates"));
            assertEquals(List.of(ada), answer.getList("data[2].personDuplicates.id"));
            assertEquals(List.of(), answer.getList("data[3].personDuplicates"), "matching is exact, case included");
            assertEquals(1, answer.getInt("data[0].totalCount"));
        }

        @Test
        void idsModeExcludesTheRecordItself() {
            String ada = person("Ada", "Lovelace", "ada@example.org");
            String twin = person("Ada", "Lovelace", null);
            twenty().body(Map.of("ids", List.of(ada))).post("/people/duplicates").then()
                    .body("data[0].personDuplicates.id", contains(twin));
        }

        @Test
        void argumentsAreChecked() {
            twenty().body(Map.of("data", List.of(Map.of()), "ids", List.of())).post("/people/duplicates").then()
                    .statusCode(400).body("messages[0]", equalTo("You cannot provide both \"data\" and \"ids\" arguments"));
            twenty().body(Map.of()).post("/people/duplicates").then().statusCode(400)
                    .body("messages[0]", equalTo("You have to provide either \"data\" or \"ids\" argument"));
            twenty().body(Map.of("data", List.of())).post("/people/duplicates").then().statusCode(400);
        }

        @Test
        void customObjectsHaveNoCriteria() {
            twenty().body(Map.of("name", "same")).post("/gifts");
            twenty().body(Map.of("data", List.of(Map.of("name", "same")))).post("/gifts/duplicates").then()
                    .statusCode(200).body("data[0].giftDuplicates", empty());
        }
    }

    @Nested
    class Rule8RateLimit {
        @Test
        void throttleAnswers429WithoutRetryAfter() {
            EmulatorControl.throttle(3, false);
            for (int i = 0; i < 3; i++) {
                twenty().get("/gifts").then().statusCode(200);
            }
            ValidatableResponse limited = twenty().get("/gifts").then().statusCode(429)
                    .body("statusCode", equalTo(429)).body("error", equalTo("HttpException"))
                    .body("messages[0]", equalTo("Limit reached (3 tokens per 60000 ms)"));
            assertFalse(limited.extract().headers().hasHeaderWithName("Retry-After"));
            assertEquals(1, EmulatorControl.stats().getInt("throttled"));
        }

        @Test
        void throttleAnswers429WithRetryAfterInTheNewestForm() {
            EmulatorControl.throttle(2, true);
            twenty().get("/gifts");
            twenty().get("/gifts");
            twenty().get("/gifts").then().statusCode(429).header("Retry-After", notNullValue())
                    .header("X-RateLimit-Remaining", "0").body("error", equalTo("RATE_LIMITED"))
                    .body("retryAfterSeconds", notNullValue());
        }
    }

    @Nested
    class Rule9Metadata {
        @Test
        void fundraisingSchemaIsProvisionedWithNestedFields() {
            JsonPath objects = twenty().get("/metadata/objects").then().statusCode(200).extract().jsonPath();
            List<String> names = objects.getList("data.objects.nameSingular");
            for (String expected : List.of("person", "company", "opportunity", "gift", "giftStaging", "giftBatch",
                    "giftPayout", "recurringAgreement", "appeal", "solicitationSnapshot", "household")) {
                assertTrue(names.contains(expected), expected);
            }
            List<String> giftFields = objects.getList("data.objects.find { it.nameSingular == 'gift' }.fields.name");
            assertTrue(giftFields.containsAll(List.of("amount", "giftDate", "donor", "appeal", "receiptStatus")));
            // Twenty 2.21's list names a relation's type only; the inverse list is on the target.
            assertEquals("RELATION", objects.getString(
                    "data.objects.find { it.nameSingular == 'gift' }.fields.find { it.name == 'donor' }.type"));
            assertEquals("RELATION", objects.getString(
                    "data.objects.find { it.nameSingular == 'person' }.fields.find { it.name == 'gifts' }.type"));
        }

        @Test
        void objectsAndFieldsCanBeCreated() {
            String objectId = twenty().body(Map.of("nameSingular", "fund", "namePlural", "funds", "labelSingular", "Fund",
                            "labelPlural", "Funds")).post("/metadata/objects").then().statusCode(201)
                    .body("data.createOneObject.nameSingular", equalTo("fund")).extract().path("data.createOneObject.id");
            twenty().body(Map.of("objectMetadataId", objectId, "type", "TEXT", "name", "code", "label", "Code"))
                    .post("/metadata/fields").then().statusCode(201).body("data.createOneField.name", equalTo("code"));
            twenty().body(Map.of("objectMetadataId", objectId, "type", "TEXT", "name", "code", "label", "Code"))
                    .post("/metadata/fields").then().statusCode(400);
            twenty().body(Map.of("code", "F1")).post("/funds").then().statusCode(201).body("data.createFund.code", equalTo("F1"));
            String personObject = twenty().get("/metadata/objects").then().extract().jsonPath()
                    .getString("data.objects.find { it.nameSingular == 'person' }.id");
            twenty().body(Map.of("objectMetadataId", objectId, "type", "RELATION", "name", "manager", "label", "Manager",
                            "relationCreationPayload", Map.of("type", "MANY_TO_ONE", "targetObjectMetadataId", personObject,
                                    "targetFieldLabel", "Managed Funds", "targetFieldIcon", "IconCoin")))
                    .post("/metadata/fields").then().statusCode(201);
            String manager = person("Ada", "Lovelace", null);
            twenty().body(Map.of("managerId", manager)).post("/funds").then().statusCode(201);
            twenty().get("/metadata/objects").then().body("data.objects.find { it.nameSingular == 'person' }.fields.name",
                    hasItem("managedFunds"));
            twenty().body(Map.of("nameSingular", "fund", "namePlural", "fundz", "labelSingular", "F", "labelPlural", "Fs"))
                    .post("/metadata/objects").then().statusCode(400).body("messages[0]", containsString("not available"));
        }
    }

    @Nested
    class Rule10Webhooks {
        @Test
        void recordEventsArePostedSignedToRegisteredWebhooks() throws Exception {
            WebhookSinkResource.RECEIVED.clear();
            String sink = "http://localhost:" + io.restassured.RestAssured.port + "/test-webhook-sink";
            twenty().body(Map.of("targetUrl", sink, "operations", List.of("person.*"), "secret", "whsec-test"))
                    .post("/webhooks").then().statusCode(201).body("id", notNullValue())
                    .body("secret", equalTo("whsec-test"));
            String id = person("Ada", "Lovelace", null);
            twenty().body(Map.of("jobTitle", "Countess")).patch("/people/" + id).then().statusCode(200);
            twenty().body(Map.of()).post("/gifts").then().statusCode(201);

            // Deliveries are independent jobs in Twenty: their order of arrival is not guaranteed.
            Map<String, WebhookSinkResource.Delivery> byEvent = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                WebhookSinkResource.Delivery delivery = WebhookSinkResource.RECEIVED.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(delivery != null, "two deliveries");
                byEvent.put(new JsonPath(delivery.body()).getString("eventName"), delivery);
            }
            WebhookSinkResource.Delivery created = byEvent.get("person.created");
            WebhookSinkResource.Delivery updated = byEvent.get("person.updated");
            assertTrue(created != null && updated != null, "one created and one updated: " + byEvent.keySet());
            JsonPath first = new JsonPath(created.body());
            assertEquals("person.created", first.getString("eventName"));
            assertEquals(id, first.getString("record.id"));
            assertEquals(sink, first.getString("targetUrl"));
            assertEquals("person", first.getString("objectMetadata.nameSingular"));
            assertEquals(EmulatorWebhooks.sign("whsec-test", created.timestamp() + ":" + created.body()), created.signature());
            assertEquals(32, created.nonce().length());
            JsonPath second = new JsonPath(updated.body());
            assertEquals("person.updated", second.getString("eventName"));
            assertEquals(List.of("jobTitle"), second.getList("updatedFields"));
            assertEquals(null, WebhookSinkResource.RECEIVED.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS),
                    "gift events do not match person.*");
        }
    }

    @Nested
    class ControlRoutes {
        @Test
        void statsCountRoutesWithIdsAsPlaceholders() {
            String id = person("Ada", "Lovelace", null);
            twenty().get("/people/" + id);
            twenty().get("/people/" + id);
            JsonPath stats = EmulatorControl.stats();
            assertEquals(2, stats.getInt("byRoute.'GET /rest/people/{id}'"));
            assertEquals(1, stats.getInt("byRoute.'POST /rest/people'"));
            assertEquals(3, stats.getInt("calls"));
            assertEquals(1, stats.getInt("records.people"));
            assertTrue(stats.getInt("maxCallsInAnyMinute") >= 3);
        }

        @Test
        void injectedErrorsApplyToMatchingCallsOnly() {
            EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "GET", "mode", "error", "status", 502, "times", 1));
            twenty().get("/gifts").then().statusCode(502);
            twenty().get("/gifts").then().statusCode(200);
            twenty().get("/people").then().statusCode(200);
        }
    }
}
