package org.fundraising.platform;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body read into its record: type problems and Bean Validation's constraint problems named together in one 400,
 * a field left out told from one sent as null, and the typed record bound from what was checked.
 */
@QuarkusTest
class InputSchemaTest {

    /** Nothing in the service's own bodies is generic enough to show every rule at once, so this one does. */
    record Sample(
            @Required String title,
            @JsonAlias("contactId") @Uuid String donorId,
            @Count(min = 1, max = 10) Long seats,
            LocalDate on,
            Colour colour,
            Amount price) {
        enum Colour { DEEP_RED, BLUE }
    }

    private static final InputSchema<Sample> SCHEMA = InputSchema.of("Sample", Sample.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DONOR = "3b8c8f5e-6a0e-4f8e-9d7c-2f1a6c0b5e11";

    @Test
    void everyBadFieldIsNamedInOneAnswer() throws Exception {
        ApiException refused = assertThrows(ApiException.class, () -> SCHEMA.create(json(
                "{\"donorId\":\"person-1\",\"seats\":11,\"on\":\"2026-02-30\",\"colour\":\"green\",\"price\":{\"amountMicros\":1.5,\"currencyCode\":\"GBP\"},\"extra\":1}")));
        assertEquals(List.of(
                new FieldError("donorId", "must be a UUID"),
                new FieldError("seats", "must be a whole number from 1 to 10"),
                new FieldError("on", "must be a valid date as YYYY-MM-DD"),
                new FieldError("colour", "must be one of blue, deep_red"),
                new FieldError("price", "amountMicros must be a whole number of micros (12.50 is 12500000)"),
                new FieldError("extra", "is not a field of Sample"),
                new FieldError("title", "is required")), refused.details());
    }

    @Test
    void checkedFieldsBindToTheRecord() throws Exception {
        Body<Sample> body = SCHEMA.create(json(
                "{\"title\":\" Spring \",\"contactId\":\"" + DONOR + "\",\"seats\":3,\"on\":\"2026-03-01\",\"colour\":\"Deep_Red\",\"price\":{\"amountMicros\":-5,\"currencyCode\":\"gbp\"}}"));
        assertEquals(new Sample("Spring", DONOR, 3L, LocalDate.of(2026, 3, 1), Sample.Colour.DEEP_RED, new Amount(-5L, "GBP")), body.fields());
        assertEquals("deep_red", body.sent().get("colour").asText(), "Twenty is sent the vocabulary's own text");
        assertTrue(body.sent().has("donorId"), "an alias is written under the field's own name");
    }

    @Test
    void anUpdateSendsOnlyWhatArrivedAndNullClears() throws Exception {
        Body<Sample> body = SCHEMA.update(json("{\"seats\":null,\"on\":\"\"}"));
        assertEquals(2, body.sent().size());
        assertTrue(body.sent().get("seats").isNull());
        assertTrue(body.sent().get("on").isNull(), "a blank string clears as null does");
        assertFalse(body.sent().has("title"), "a field left out is left alone");
        assertNull(body.fields().title());
        ApiException cleared = assertThrows(ApiException.class, () -> SCHEMA.update(json("{\"title\":null}")));
        assertEquals(List.of(new FieldError("title", "must not be empty")), cleared.details());
        ApiException empty = assertThrows(ApiException.class, () -> SCHEMA.update(json("{}")));
        assertEquals("Sample update must include at least one field", empty.getMessage());
    }

    @Test
    void aNumberBeyondALongIsOutOfRangeNotAnError() throws Exception {
        ApiException refused = assertThrows(ApiException.class, () -> SCHEMA.update(json("{\"seats\":9999999999999999999}")));
        assertEquals(List.of(new FieldError("seats", "must be a whole number from 1 to 10")), refused.details());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
