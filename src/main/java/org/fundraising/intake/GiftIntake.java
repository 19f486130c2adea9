package org.fundraising.intake;

import org.fundraising.gift.GiftRecords;
import org.fundraising.gift.GiftDraft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.donor.DonorDecision;
import org.fundraising.donor.DonorIdentity;
import org.fundraising.donor.DonorMatch;
import org.fundraising.donor.DonorMatcher;
import org.fundraising.donor.PersonRecords;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.posting.GiftPosting;
import org.fundraising.staging.IdentityEvidence;
import org.fundraising.staging.StagingDiagnostics;
import org.fundraising.staging.StagingIntake;
import org.fundraising.staging.StagingRecords;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;

import java.util.List;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * {@code POST /gifts}: settle the donor (a person's decision wins; else link the one exact person, create a new
 * one, or leave it to a reviewer), stage the gift, and post it at once when the diagnostics allow. The staging row is written first, so a gift is never posted that the queue does not show; every record
 * gets an id derived from the staging row's, so a repeat of the whole intake finds what the first one wrote.
 */
@ApplicationScoped
public class GiftIntake {

    private final TwentyClient twenty;
    private final DonorMatcher matcher;
    private final StagingIntake staging;
    private final GiftPosting posting;
    private final FundraisingConfig config;

    GiftIntake(TwentyClient twenty, DonorMatcher matcher, StagingIntake staging, GiftPosting posting,
               FundraisingConfig config) {
        this.twenty = twenty;
        this.matcher = matcher;
        this.staging = staging;
        this.posting = posting;
        this.config = config;
    }

    public Uni<JsonNode> intake(TwentyCaller caller, String stagingId, GiftDraft draft) {
        return settleDonor(caller, stagingId, draft).chain(evidence -> config.enableGiftStaging()
                ? stageThenPost(caller, stagingId, draft, evidence)
                : postDirectly(caller, stagingId, draft, evidence));
    }

    private Uni<IdentityEvidence> settleDonor(TwentyCaller caller, String stagingId, GiftDraft draft) {
        if (draft.has("donorId") && !draft.orgIntent() && !hasDonorName(draft.columns())) {
            return nameAfterDonor(caller, draft).replaceWith(IdentityEvidence.explicit());
        }
        if (draft.has("donorId") || draft.orgIntent()) {
            return Uni.createFrom().item(IdentityEvidence.explicit());
        }
        DonorIdentity identity = draft.identity();
        String ownPersonId = GiftRecords.personIdFor(stagingId);
        return matcher.match(caller, identity).chain(match -> {
            DonorDecision decision = DonorDecision.decide(identity, match, ownPersonId, draft.decisionMode());
            return switch (decision.action()) {
                case LINK -> {
                    draft.columns().put("donorId", decision.donorId());
                    yield Uni.createFrom().item(IdentityEvidence.of(decision, ownPersonId));
                }
                case CREATE -> twenty.create(caller, FundraisingSchema.PERSON.plural(), PersonRecords.newPerson(ownPersonId, identity))
                        .map(created -> {
                            draft.columns().put("donorId", created.record().path("id").asText());
                            return IdentityEvidence.of(decision, ownPersonId);
                        })
                        .onFailure(GiftIntake::duplicateEntry).recoverWithUni(duplicate -> linkAfterRace(caller, draft, identity, duplicate));
                case REVIEW -> Uni.createFrom().item(IdentityEvidence.of(decision, ownPersonId));
                case CONFLICT -> Uni.createFrom().failure(emailConflict(decision.conflict(), identity.email()));
            };
        });
    }

    /**
     * The caller asked for a new donor whose email a person of another name already has (Twenty keeps emails
     * unique): nothing is written, and the answer names that person so the screen can offer "use this donor" or
     * "change the email".
     */
    private static ApiException emailConflict(DonorMatch.Candidate owner, String email) {
        ObjectNode detail = StagingDiagnostics.emailConflict(owner, email).put("code", StagingDiagnostics.DONOR_EMAIL_CONFLICT)
                .put("field", "contact.email");
        return new ApiException(409, StagingDiagnostics.DONOR_EMAIL_CONFLICT + ": " + detail.path("message").asText(),
                List.of(detail), null);
    }

    /**
     * Twenty refused the new person's email as taken: another intake created this donor a moment ago. Matched again,
     * the one exact person is linked; anything less is Twenty's refusal as it stands.
     */
    private Uni<IdentityEvidence> linkAfterRace(TwentyCaller caller, GiftDraft draft, DonorIdentity identity, Throwable duplicate) {
        return matcher.match(caller, identity).map(match -> {
            if (!DonorMatch.AUTO_LINKED.equals(match.status())) {
                throw (TwentyException) duplicate;
            }
            draft.columns().put("donorId", match.matchedDonorId());
            return IdentityEvidence.of(IdentityEvidence.Source.MATCHED, match);
        });
    }

    /**
     * A gift sent with only its donor's id is named after that person, as one sent with the donor's name is ("Ada
     * Lovelace · 25.00 GBP · 2026-12-01"), so Twenty's lists show whose it is: one read of the person, which also
     * refuses an id that names nobody before anything is written.
     */
    private Uni<Void> nameAfterDonor(TwentyCaller caller, GiftDraft draft) {
        String donorId = draft.columns().get("donorId").asText();
        return twenty.findById(caller, FundraisingSchema.PERSON.plural(), donorId, 0).invoke(person -> {
            JsonNode name = person.orElseThrow(() -> new ApiException(400, "contactId " + donorId + " names no person in Twenty",
                    List.of(new FieldError("contactId", "no person has this id")), null)).path("name");
            ObjectNode named = draft.columns().deepCopy().put("donorFirstName", name.path("firstName").asText(""))
                    .put("donorLastName", name.path("lastName").asText(""));
            draft.columns().put("name", GiftRecords.describe(named, draft.columns().path("giftDate").asText()));
        }).replaceWithVoid();
    }

    private static boolean hasDonorName(JsonNode columns) {
        return !columns.path("donorFirstName").asText("").isBlank() || !columns.path("donorLastName").asText("").isBlank();
    }

    private static boolean duplicateEntry(Throwable failure) {
        return failure instanceof TwentyException twentyFailure && twentyFailure.isDuplicateEntry();
    }

    private Uni<JsonNode> stageThenPost(TwentyCaller caller, String stagingId, GiftDraft draft, IdentityEvidence evidence) {
        return staging.stage(caller, stagingId, draft, evidence, true).chain(staged -> {
            String status = staged.row().path("processingStatus").asText();
            if (StagingStatuses.PROCESSED.equals(status) && staged.row().hasNonNull("giftId")) {
                // A repeat of an intake that already posted its gift: answer with that gift.
                return twenty.findById(caller, GiftRecords.OBJECT, staged.row().get("giftId").asText(), 0)
                        .map(gift -> created(gift.orElseThrow(() -> ApiException.notFound("Gift of staging row " + stagingId + " not found"))));
            }
            // A repeat after a failed post (same Idempotency-Key) tries the post again rather than leaving it failed.
            boolean retryOfFailedPost = staged.alreadyExisted() && staged.row().path("autoProcess").asBoolean(false)
                    && StagingStatuses.FAILED.equals(status);
            if (!StagingStatuses.PROCESSING.equals(status) && !retryOfFailedPost) {
                return Uni.createFrom().item(StagingRecords.acknowledgement(staged.row()));
            }
            return posting.post(caller, staged.row(), JsonNodeFactory.instance.objectNode())
                    .map(GiftIntake::created)
                    .onFailure(GiftPosting.WritebackFailed.class).recoverWithItem(failure ->
                            // The gift is posted; the row stays in processing until a /process or recovery settles it.
                            created(((GiftPosting.WritebackFailed) failure).gift()))
                    .onFailure(GiftPosting.GiftCreateFailed.class).transform(failure -> notPosted(stagingId,
                            ((GiftPosting.GiftCreateFailed) failure).twentyFailure()));
        });
    }

    /** Staging switched off: the original's direct create, but a donor it cannot tell apart is refused, not guessed. */
    private Uni<JsonNode> postDirectly(TwentyCaller caller, String stagingId, GiftDraft draft, IdentityEvidence evidence) {
        if (evidence.source() == IdentityEvidence.Source.REVIEW) {
            throw new ApiException(422, "Several people could be this donor and staging is off, so there is no review queue; "
                    + "send contactId", evidence.match().candidates().stream()
                    .map(c -> new FieldError("contact", "candidate " + c.id() + " matched on " + c.matchedFields())).toList(), null);
        }
        ObjectNode gift = posting.giftFor(draft.columns().deepCopy().put("id", stagingId), null);
        return twenty.create(caller, GiftRecords.OBJECT, gift).map(created -> created(created.record()));
    }

    private static JsonNode created(JsonNode gift) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("data").set("createGift", gift);
        return body;
    }

    private static ApiException notPosted(String stagingId, TwentyException cause) {
        String message = "The gift was staged (giftStaging " + stagingId + ") but could not be posted: " + cause.getMessage();
        return new ApiException(cause.status(), message, cause.details(), cause.retryAfter());
    }
}
