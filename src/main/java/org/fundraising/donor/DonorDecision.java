package org.fundraising.donor;

import java.util.List;

/**
 * What a gift that names its donor by {@code contact} does about that donor (Salesforce NPSP's first name +
 * last name + email rule): link the one exact person, create a new person, or leave it to a reviewer.
 * It never guesses between candidates.
 */
public record DonorDecision(Action action, String donorId, DonorMatch match, List<String> possibleDuplicates) {

    public enum Action { LINK, CREATE, REVIEW }

    /**
     * @param ownPersonId the id a person created for this very intake gets: when an earlier attempt of the same
     *                    intake (a retry after a crash) already created it, it is linked rather than counted as a rival
     */
    public static DonorDecision decide(DonorIdentity identity, DonorMatch match, String ownPersonId) {
        if (match.candidateDonorIds().contains(ownPersonId)) {
            return new DonorDecision(Action.LINK, ownPersonId, match, List.of());
        }
        if (DonorMatch.AUTO_LINKED.equals(match.status())) {
            return new DonorDecision(Action.LINK, match.matchedDonorId(), match, List.of());
        }
        if (identity.hasEmail()) {
            boolean someoneHasTheEmail = match.candidates().stream().anyMatch(c -> c.matchedFields().contains("email"));
            if (someoneHasTheEmail || identity.hasMixedScriptEmail()) {
                // Several exact persons, the email belongs to someone of another name, or it mixes scripts (a
                // look-alike of another donor's address): a person decides.
                return new DonorDecision(Action.REVIEW, null, match, List.of());
            }
            return new DonorDecision(Action.CREATE, null, match, match.candidateDonorIds());
        }
        return match.candidates().isEmpty()
                ? new DonorDecision(Action.CREATE, null, match, List.of())
                : new DonorDecision(Action.REVIEW, null, match, List.of());
    }
}
