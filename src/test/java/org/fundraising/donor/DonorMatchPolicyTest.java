package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The matching policy's table: it links only on first name + last name + email, exactly one person. */
class DonorMatchPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode person(String id, String first, String last, String primary, String... additional) {
        ObjectNode person = JSON.createObjectNode().put("id", id);
        person.putObject("name").put("firstName", first).put("lastName", last);
        ObjectNode emails = person.putObject("emails").put("primaryEmail", primary == null ? "" : primary);
        emails.putArray("additionalEmails").addAll(java.util.Arrays.stream(additional).map(JSON.getNodeFactory()::textNode).toList());
        return person;
    }

    private static DonorMatch classify(DonorIdentity identity, JsonNode... people) {
        return DonorMatchPolicy.classify(identity, List.of(people));
    }

    @Test
    void oneExactPersonIsLinked() {
        DonorMatch match = classify(new DonorIdentity("Ada", "Lovelace", "ada@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org"), person("p2", "Ada", "Lovelace", "other@example.org"));
        assertEquals(DonorMatch.AUTO_LINKED, match.status());
        assertEquals("p1", match.matchedDonorId());
        assertEquals(1.0, match.score());
        assertEquals(List.of("firstName", "lastName", "email"), match.candidates().get(0).matchedFields());
        assertEquals(List.of("p1", "p2"), match.candidateDonorIds());
    }

    @Test
    void additionalEmailsCount() {
        DonorMatch match = classify(new DonorIdentity("Ada", "Lovelace", "countess@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org", "Countess@Example.org"));
        assertEquals(DonorMatch.AUTO_LINKED, match.status());
    }

    @Test
    void caseAccentsAndSpacesDoNotMatter() {
        DonorMatch match = classify(new DonorIdentity("  jose ", "NUNEZ", " JOSE@Example.ORG "),
                person("p1", "José", "Núñez", "jose@example.org"));
        assertEquals(DonorMatch.AUTO_LINKED, match.status());
        assertEquals("p1", match.matchedDonorId());
    }

    @Test
    void severalExactPeopleGoToReview() {
        DonorMatch match = classify(new DonorIdentity("Ada", "Lovelace", "ada@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org"), person("p2", "ada", "lovelace", "x@y.org", "ADA@example.org"));
        assertEquals(DonorMatch.PARTIAL_MATCH_REVIEW, match.status());
        assertEquals("several_exact_candidates", match.reason());
        assertNull(match.matchedDonorId());
    }

    @Test
    void nameOnlyIsNeverLinked() {
        DonorMatch withoutEmail = classify(new DonorIdentity("Ada", "Lovelace", null), person("p1", "Ada", "Lovelace", "ada@example.org"));
        assertEquals(DonorMatch.PARTIAL_MATCH_REVIEW, withoutEmail.status());
        assertEquals("name_only", withoutEmail.reason());
        assertEquals(0.5, withoutEmail.score());
        DonorMatch otherEmail = classify(new DonorIdentity("Ada", "Lovelace", "new@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org"));
        assertEquals("name_only", otherEmail.reason());
    }

    @Test
    void emailOnlyIsNeverLinked() {
        DonorMatch match = classify(new DonorIdentity("Augusta", "King", "ada@example.org"), person("p1", "Ada", "Lovelace", "ada@example.org"));
        assertEquals(DonorMatch.PARTIAL_MATCH_REVIEW, match.status());
        assertEquals("email_only", match.reason());
        assertEquals(List.of("email"), match.candidates().get(0).matchedFields());
    }

    @Test
    void nothingInCommonIsNoMatch() {
        assertEquals(DonorMatch.NO_MATCH, classify(new DonorIdentity("Ada", "Lovelace", "ada@example.org")).status());
        assertEquals(DonorMatch.NO_MATCH, classify(new DonorIdentity("Ada", "Lovelace", "ada@example.org"),
                person("p1", "Bob", "Lovelace", "bob@example.org")).status());
    }

    @Test
    void withoutAFullNameOrAnEmailThereIsNothingToMatch() {
        assertEquals(DonorMatch.INSUFFICIENT_IDENTITY, classify(new DonorIdentity("Ada", null, null)).status());
        assertEquals(DonorMatch.INSUFFICIENT_IDENTITY, classify(new DonorIdentity(" ", "", "  ")).status());
    }
}
