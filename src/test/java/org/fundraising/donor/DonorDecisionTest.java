package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spec §2.7's table for a gift that names its donor by contact: link, create, or review; never a guess. */
class DonorDecisionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode person(String id, String first, String last, String email, String... additional) {
        var node = JSON.createObjectNode().put("id", id);
        node.putObject("name").put("firstName", first).put("lastName", last);
        var emails = node.putObject("emails").put("primaryEmail", email);
        var extra = emails.putArray("additionalEmails");
        for (String a : additional) {
            extra.add(a);
        }
        return node;
    }

    private static DonorDecision decide(DonorIdentity identity, JsonNode... people) {
        return DonorDecision.decide(identity, DonorMatchPolicy.classify(identity, List.of(people)), "own-person",
                DonorDecision.Mode.NOBODY_LOOKED);
    }

    @Test
    void exactlyOnePersonWithNameAndEmailIsLinkedWhateverTheCaseAccentsOrWhichEmail() {
        DonorDecision byPrimary = decide(new DonorIdentity("Jose", "NUNEZ", " Jose@Example.ORG "),
                person("p1", "José", "Núñez", "jose@example.org"));
        assertEquals(DonorDecision.Action.LINK, byPrimary.action());
        assertEquals("p1", byPrimary.donorId());
        DonorDecision byAdditional = decide(new DonorIdentity("Ada", "Lovelace", "countess@example.org"),
                person("p2", "Ada", "Lovelace", "ada@example.org", "Countess@example.org"),
                person("p3", "Ada", "Lovelace", "other@example.org"));
        assertEquals(DonorDecision.Action.LINK, byAdditional.action());
        assertEquals("p2", byAdditional.donorId());
    }

    @Test
    void severalExactPeopleOrAnEmailOfSomeoneElseGoToReview() {
        assertEquals(DonorDecision.Action.REVIEW, decide(new DonorIdentity("Ada", "Lovelace", "ada@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org"), person("p2", "Ada", "Lovelace", "x@example.org", "ada@example.org")).action());
        DonorDecision emailOnly = decide(new DonorIdentity("Augusta", "King", "ada@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org"));
        assertEquals(DonorDecision.Action.REVIEW, emailOnly.action());
        assertEquals("email_only", emailOnly.match().reason());
    }

    @Test
    void aNewEmailCreatesAPersonAndKeepsNamesakesAsPossibleDuplicates() {
        DonorDecision decision = decide(new DonorIdentity("Ada", "Lovelace", "new@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org"));
        assertEquals(DonorDecision.Action.CREATE, decision.action());
        assertEquals(List.of("p1"), decision.possibleDuplicates());
        assertEquals(DonorDecision.Action.CREATE, decide(new DonorIdentity("Ada", "Lovelace", "new@example.org")).action());
    }

    @Test
    void withoutAnEmailANamesakeMeansReviewAndNobodyMeansCreate() {
        assertEquals(DonorDecision.Action.REVIEW, decide(new DonorIdentity("ada", "lovelace", null),
                person("p1", "Ada", "Lovelace", "ada@example.org")).action());
        assertEquals(DonorDecision.Action.CREATE, decide(new DonorIdentity("Ada", "Lovelace", null)).action());
    }

    @Test
    void thePersonAnEarlierAttemptOfTheSameIntakeCreatedIsLinkedNotCountedAsARival() {
        DonorDecision decision = decide(new DonorIdentity("Ada", "Lovelace", null),
                person("own-person", "Ada", "Lovelace", null));
        assertEquals(DonorDecision.Action.LINK, decision.action());
        assertEquals("own-person", decision.donorId());
    }

    private static DonorDecision decide(DonorDecision.Mode mode, DonorIdentity identity, JsonNode... people) {
        return DonorDecision.decide(identity, DonorMatchPolicy.classify(identity, List.of(people)), "own-person", mode);
    }

    @Test
    void aCallerWhoLookedGetsANewDonorUnlessTheOneExactPersonOrAnotherOwnsTheEmail() {
        JsonNode namesake = person("p1", "Ada", "Lovelace", "ada@example.org");
        DonorDecision noEmail = decide(DonorDecision.Mode.CALLER_LOOKED, new DonorIdentity("Ada", "Lovelace", null), namesake);
        assertEquals(DonorDecision.Action.CREATE, noEmail.action());
        assertEquals(List.of("p1"), noEmail.possibleDuplicates());
        assertEquals(DonorDecision.Action.LINK,
                decide(DonorDecision.Mode.CALLER_LOOKED, new DonorIdentity("Ada", "Lovelace", "ada@example.org"), namesake).action());
        DonorDecision taken = decide(DonorDecision.Mode.CALLER_LOOKED, new DonorIdentity("Augusta", "King", "ada@example.org"), namesake);
        assertEquals(DonorDecision.Action.CONFLICT, taken.action());
        assertEquals("p1", taken.conflict().id());
        assertEquals("Ada Lovelace", taken.conflict().name());
    }

    @Test
    void aPersonsDecisionWinsOverTheTable() {
        JsonNode exact = person("p1", "Ada", "Lovelace", "ada@example.org");
        assertEquals(DonorDecision.Action.REVIEW,
                decide(DonorDecision.Mode.REVIEW, new DonorIdentity("Ada", "Lovelace", "ada@example.org"), exact).action());
        assertEquals(DonorDecision.Action.CREATE,
                decide(DonorDecision.Mode.CREATE, new DonorIdentity("Ada", "Lovelace", null), exact).action());
        // Twenty keeps emails unique: a new person cannot be created with the exact person's email.
        assertEquals(DonorDecision.Action.CONFLICT,
                decide(DonorDecision.Mode.CREATE, new DonorIdentity("Ada", "Lovelace", "ada@example.org"), exact).action());
    }

    @Test
    void whenNobodyLookedAnEmailOfAnotherNameGoesToReviewNamingItsOwner() {
        DonorDecision decision = decide(DonorDecision.Mode.NOBODY_LOOKED, new DonorIdentity("Augusta", "King", "ada@example.org"),
                person("p1", "Ada", "Lovelace", "ada@example.org"));
        assertEquals(DonorDecision.Action.REVIEW, decision.action());
        assertEquals("p1", decision.conflict().id());
    }
}
