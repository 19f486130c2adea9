package org.fundraising.staging;

import org.fundraising.donor.DonorMatch;

import java.util.List;

/**
 * How a gift's donor was settled at intake: named by the caller, matched to the one exact person, created new,
 * left for review, or not resolved at all; with the matcher's verdict when it ran.
 */
public record IdentityEvidence(Source source, DonorMatch match, List<String> possibleDuplicates) {

    public enum Source { EXPLICIT, MATCHED, CREATED, REVIEW, UNRESOLVED }

    public static IdentityEvidence explicit() {
        return new IdentityEvidence(Source.EXPLICIT, null, List.of());
    }

    public static IdentityEvidence of(Source source, DonorMatch match) {
        return new IdentityEvidence(source, match, List.of());
    }
}
