package org.fundraising.twenty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundraising.twenty.schema.FundraisingSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Twenty's reasons, read from answers a real Twenty 2.21 gave (../shared/twenty/real-2.21). */
class TwentyErrorsTest {

    private static final Path RECORDINGS = Path.of("..", "shared", "twenty", "real-2.21");

    private static JsonNode answer(String file) throws Exception {
        return new ObjectMapper().readTree(RECORDINGS.resolve(file).toFile()).get("body");
    }

    @Test
    void aMetadataRefusalNamesItsNestedReasonFirst() throws Exception {
        List<String> messages = TwentyErrors.messages(answer("02-metadata-relation-field-create-without-targetFieldIcon.json"));
        assertEquals("Relation creation payload is invalid: targetFieldIcon must be a string", messages.get(0));
        assertTrue(messages.contains("Multiple validation errors occurred while creating field"), messages.toString());
        TwentyException refused = TwentyException.fromStatus(400, messages);
        assertEquals("Relation creation payload is invalid: targetFieldIcon must be a string", refused.getMessage());
        assertFalse(refused.isExistingMetadata());
    }

    @Test
    void aFieldThatIsThereIsReadAsAlreadyPresent() throws Exception {
        List<String> messages = TwentyErrors.messages(answer("04-metadata-field-create-duplicate.json"));
        assertEquals("Name \"rtProbeNote\" is not available as it is already used by another field", messages.get(0));
        assertTrue(TwentyException.fromStatus(400, messages).isExistingMetadata());
    }

    @Test
    void aLinkToNobodyIsTracedToItsColumnByTheConstraintsName() throws Exception {
        String message = TwentyErrors.messages(answer("32-relation-write-nonexistent-target.json")).get(0);
        assertEquals(java.util.Optional.of("donorId"), FundraisingSchema.GIFT.foreignKeyColumn(message), message);
        assertEquals(java.util.Optional.empty(), FundraisingSchema.GIFT_STAGING.foreignKeyColumn(message), message);
    }

    @Test
    void recordAndFilterRefusalsKeepTheirMessages() throws Exception {
        assertEquals(List.of("A duplicate entry was detected"), TwentyErrors.messages(answer("06-record-create-duplicate-id.json")));
        assertTrue(TwentyException.fromStatus(400, TwentyErrors.messages(answer("06-record-create-duplicate-id.json"))).isDuplicateEntry());
        assertEquals(List.of("Token invalid."), TwentyErrors.messages(answer("24-bad-token.json")));
        assertEquals(TwentyException.Kind.AUTH, TwentyException.fromStatus(401, List.of("Token invalid.")).kind());
    }
}
