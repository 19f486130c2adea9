package org.fundraising.donor;

import java.util.List;

/**
 * What a gift that names its donor by {@code contact} does about that donor (Salesforce NPSP's first name +
 * last name + email rule): link the one exact person, create a new person, leave it to a reviewer, or — when the
 * caller asked for a new donor whose email someone else has — refuse, naming that person. It never guesses.
 *
 * @param conflict the person who already has the email under another name, when there is one
 */
public record DonorDecision(Action action, String donorId, DonorMatch match, List<String> possibleDuplicates,
                            DonorMatch.Candidate conflict) {

    public enum Action { LINK, CREATE, REVIEW, CONFLICT }

    /** Who has looked at the candidates before this decision, and what they said. */
    public enum Mode {
        /** Nobody has (staging intake, webhooks, CSV batches, processing): the strict table. */
        NOBODY_LOOKED,
        /**
         * The caller looked at the duplicates first and asked for the gift to be posted now (the original's
         * manual-entry screen sends {@code autoProcess: true} when the user picks "create new donor"): link only
         * the one exact person, else create one.
         */
        CALLER_LOOKED,
        /** A person said "create a new donor" ({@code donorDecision: "create"}). */
        CREATE,
        /** A person said "let a reviewer decide" ({@code donorDecision: "review"}). */
        REVIEW
    }

    /**
     * @param ownPersonId the id a person created for this very intake gets: when an earlier attempt of the same
     *                    intake (a retry after a crash) already created it, it is linked rather than counted as a rival
     */
    public static DonorDecision decide(DonorIdentity identity, DonorMatch match, String ownPersonId, Mode mode) {
        if (match.candidateDonorIds().contains(ownPersonId)) {
            return new DonorDecision(Action.LINK, ownPersonId, match, List.of(), null);
        }
        DonorMatch.Candidate emailOwner = match.emailOwnerUnderAnotherName();
        boolean exactOne = DonorMatch.AUTO_LINKED.equals(match.status());
        return switch (mode) {
            case REVIEW -> review(match, emailOwner);
            case CREATE -> {
                // Twenty keeps emails unique: a new person cannot have an address someone already has.
                DonorMatch.Candidate taken = match.candidates().stream().filter(DonorMatch.Candidate::hasTheEmail)
                        .findFirst().orElse(null);
                yield taken != null ? new DonorDecision(Action.CONFLICT, null, match, List.of(), taken)
                        : create(match);
            }
            case CALLER_LOOKED -> {
                if (exactOne) {
                    yield link(match);
                }
                if (emailOwner != null) {
                    yield new DonorDecision(Action.CONFLICT, null, match, List.of(), emailOwner);
                }
                // Several people with the same name and email: which one is not the caller's to guess either; and
                // an email mixing scripts may imitate another donor's, so only an explicit decision creates it.
                boolean severalExact = match.candidates().stream().anyMatch(DonorMatch.Candidate::hasTheEmail);
                yield severalExact || identity.hasMixedScriptEmail() ? review(match, null) : create(match);
            }
            case NOBODY_LOOKED -> {
                if (exactOne) {
                    yield link(match);
                }
                if (emailOwner != null) {
                    yield review(match, emailOwner);
                }
                if (identity.hasEmail()) {
                    boolean someoneHasTheEmail = match.candidates().stream().anyMatch(DonorMatch.Candidate::hasTheEmail);
                    // Several exact persons, or an email mixing scripts (a look-alike of another donor's): a person decides.
                    yield someoneHasTheEmail || identity.hasMixedScriptEmail() ? review(match, null) : create(match);
                }
                yield match.candidates().isEmpty() ? create(match) : review(match, null);
            }
        };
    }

    private static DonorDecision link(DonorMatch match) {
        return new DonorDecision(Action.LINK, match.matchedDonorId(), match, List.of(), null);
    }

    private static DonorDecision create(DonorMatch match) {
        return new DonorDecision(Action.CREATE, null, match, match.candidateDonorIds(), null);
    }

    private static DonorDecision review(DonorMatch match, DonorMatch.Candidate conflict) {
        return new DonorDecision(Action.REVIEW, null, match, List.of(), conflict);
    }
}
