package org.fundraising.donor;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The one matcher's verdict for one identity, with its evidence (stored in {@code processingDiagnostics}).
 * {@code status}: {@code auto_linked} (exactly one person with the same first name, last name and email),
 * {@code partial_match_review} (name only, email only, or several exact), {@code no_match},
 * {@code insufficient_identity}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record DonorMatch(String status, String reason, String matchedDonorId, double score, List<Candidate> candidates) {

    public static final String AUTO_LINKED = "auto_linked";
    public static final String PARTIAL_MATCH_REVIEW = "partial_match_review";
    public static final String NO_MATCH = "no_match";
    public static final String INSUFFICIENT_IDENTITY = "insufficient_identity";

    /** One person considered: how well it matched, on which fields, and their name (to tell a reviewer who). */
    @RegisterForReflection
    public record Candidate(String id, double score, List<String> matchedFields, String name) {

        public Candidate(String id, double score, List<String> matchedFields) {
            this(id, score, matchedFields, null);
        }

        /** Has the email but another name: the address is taken by someone else. */
        public boolean ownsEmailUnderAnotherName() {
            return matchedFields.contains("email") && !(matchedFields.contains("firstName") && matchedFields.contains("lastName"));
        }

        public boolean hasTheEmail() {
            return matchedFields.contains("email");
        }
    }

    /** The person who has the email under another name, or null: the address is taken by someone else. */
    public Candidate emailOwnerUnderAnotherName() {
        return candidates.stream().filter(Candidate::ownsEmailUnderAnotherName).findFirst().orElse(null);
    }

    public List<String> candidateDonorIds() {
        return candidates.stream().map(Candidate::id).toList();
    }
}
