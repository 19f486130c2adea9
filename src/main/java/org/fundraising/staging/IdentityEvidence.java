package org.fundraising.staging;

import org.fundraising.donor.DonorDecision;
import org.fundraising.donor.DonorMatch;

import java.util.List;

/**
 * How a gift's donor was settled at intake: named by the caller, matched to the one exact person, created new,
 * left for review, or not resolved at all; with the matcher's verdict when it ran.
 */
public record IdentityEvidence(Source source, DonorMatch match, List<String> possibleDuplicates,
                               DonorMatch.Candidate emailConflict) {

    public enum Source { EXPLICIT, MATCHED, CREATED, REVIEW, UNRESOLVED }

    public IdentityEvidence(Source source, DonorMatch match, List<String> possibleDuplicates) {
        this(source, match, possibleDuplicates, null);
    }

    public static IdentityEvidence explicit() {
        return new IdentityEvidence(Source.EXPLICIT, null, List.of());
    }

    public static IdentityEvidence of(Source source, DonorMatch match) {
        return new IdentityEvidence(source, match, List.of());
    }

    /** The evidence of a decision: who was linked or created, or why a person must decide. */
    public static IdentityEvidence of(DonorDecision decision, String ownPersonId) {
        return switch (decision.action()) {
            case LINK -> new IdentityEvidence(ownPersonId.equals(decision.donorId()) ? Source.CREATED : Source.MATCHED,
                    decision.match(), List.of());
            case CREATE -> new IdentityEvidence(Source.CREATED, decision.match(), decision.possibleDuplicates());
            case REVIEW, CONFLICT -> new IdentityEvidence(Source.REVIEW, decision.match(), List.of(), decision.conflict());
        };
    }
}
