package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The matching policy, the same for manual entry, staging, webhooks and batch runs:
 * auto-link only when exactly one person has the same first name, last name and email (primary or additional);
 * anything weaker goes to a person for review; it never guesses.
 */
public final class DonorMatchPolicy {

    private static final double NAME_PART = 0.25;
    private static final double EMAIL = 0.5;

    private DonorMatchPolicy() {
    }

    public static DonorMatch classify(DonorIdentity identity, List<JsonNode> people) {
        if (!identity.hasName() && !identity.hasEmail()) {
            return new DonorMatch(DonorMatch.INSUFFICIENT_IDENTITY, "no_name_or_email", null, 0, List.of());
        }
        List<DonorMatch.Candidate> candidates = new ArrayList<>();
        for (JsonNode person : people) {
            List<String> fields = matchedFields(identity, person);
            if (!fields.isEmpty()) {
                double score = (fields.contains("firstName") ? NAME_PART : 0) + (fields.contains("lastName") ? NAME_PART : 0)
                        + (fields.contains("email") ? EMAIL : 0);
                String name = (person.path("name").path("firstName").asText("") + " "
                        + person.path("name").path("lastName").asText("")).trim();
                candidates.add(new DonorMatch.Candidate(person.path("id").asText(), score, fields, name.isEmpty() ? null : name));
            }
        }
        candidates.sort(Comparator.comparingDouble(DonorMatch.Candidate::score).reversed()
                .thenComparing(DonorMatch.Candidate::id));
        List<DonorMatch.Candidate> exact = candidates.stream().filter(c -> c.matchedFields().size() == 3).toList();
        double best = candidates.isEmpty() ? 0 : candidates.get(0).score();
        if (exact.size() == 1) {
            return new DonorMatch(DonorMatch.AUTO_LINKED, "name_and_email", exact.get(0).id(), best, candidates);
        }
        if (exact.size() > 1) {
            return new DonorMatch(DonorMatch.PARTIAL_MATCH_REVIEW, "several_exact_candidates", null, best, candidates);
        }
        boolean byName = candidates.stream().anyMatch(c -> c.matchedFields().containsAll(List.of("firstName", "lastName")));
        boolean byEmail = candidates.stream().anyMatch(c -> c.matchedFields().contains("email"));
        if (byName || byEmail) {
            String reason = byName && byEmail ? "name_or_email_only" : byName ? "name_only" : "email_only";
            return new DonorMatch(DonorMatch.PARTIAL_MATCH_REVIEW, reason, null, best, candidates);
        }
        return new DonorMatch(DonorMatch.NO_MATCH, null, null, 0, List.of());
    }

    /** The fields on which the person agrees with the identity, compared normalised. */
    static List<String> matchedFields(DonorIdentity identity, JsonNode person) {
        List<String> fields = new ArrayList<>();
        String first = DonorIdentity.normalName(identity.firstName());
        String last = DonorIdentity.normalName(identity.lastName());
        if (!first.isEmpty() && first.equals(DonorIdentity.normalName(person.path("name").path("firstName").asText(null)))) {
            fields.add("firstName");
        }
        if (!last.isEmpty() && last.equals(DonorIdentity.normalName(person.path("name").path("lastName").asText(null)))) {
            fields.add("lastName");
        }
        String email = DonorIdentity.normalEmail(identity.email());
        if (!email.isEmpty() && emailsOf(person).contains(email)) {
            fields.add("email");
        }
        return fields;
    }

    static List<String> emailsOf(JsonNode person) {
        List<String> emails = new ArrayList<>();
        JsonNode block = person.path("emails");
        String primary = DonorIdentity.normalEmail(block.path("primaryEmail").asText(null));
        if (!primary.isEmpty()) {
            emails.add(primary);
        }
        block.path("additionalEmails").forEach(extra -> {
            String value = DonorIdentity.normalEmail(extra.asText(null));
            if (!value.isEmpty()) {
                emails.add(value);
            }
        });
        return emails;
    }
}
