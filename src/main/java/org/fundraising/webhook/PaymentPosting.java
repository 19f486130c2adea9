package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.donor.DonorIdentity;
import org.fundraising.donor.DonorMatch;
import org.fundraising.donor.DonorMatcher;
import org.fundraising.donor.PersonRecords;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftRecords;
import org.fundraising.posting.GiftPosting;
import org.fundraising.recurring.AgreementAdvance;
import org.fundraising.staging.StagingDiagnostics;
import org.fundraising.staging.StagingIntake;
import org.fundraising.staging.StagingRecords;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Posts the payments of events that arrived together, as a gift batch is posted: up to 60 staging rows in one
 * call, their donors found in one or two lookups, new donors in one call, the gifts in one call, the rows marked
 * in one call. Every id is derived from the provider's payment id, so an event delivered twice, or a group
 * posted again after a crash, finds what the first time wrote and writes nothing twice.
 */
@ApplicationScoped
public class PaymentPosting {

    /**
     * One payment of the group: {@code subscriptionId} for an instalment, {@code cadence} when an agreement can be made
     * from it, {@code reviewReason} when a person must look.
     */
    record Payment(String stagingId, GiftDraft draft, Provider provider, String subscriptionId, String mandate, String cadence,
                   String reviewReason) {

        boolean recurring() {
            return subscriptionId != null || mandate != null;
        }

        /** What an agreement of this payment would be found by: its subscription, else its mandate. */
        List<Agreements.Reference> references() {
            return Stream.of(Agreements.Reference.subscription(provider, subscriptionId),
                    Agreements.Reference.mandate(provider, mandate)).filter(Objects::nonNull).toList();
        }

        String describedReference() {
            return subscriptionId != null ? provider.wire() + " subscription " + subscriptionId : provider.wire() + " mandate " + mandate;
        }
    }

    /** What became of a payment: the outcome's status, its reason, and the gift it made. */
    record Result(EventOutcome.Status status, String detail, String giftId) {
    }

    private final TwentyClient twenty;
    private final DonorMatcher matcher;
    private final StagingIntake staging;
    private final GiftPosting posting;
    private final ObjectMapper json;
    private final AgreementAdvance agreements;

    PaymentPosting(TwentyClient twenty, DonorMatcher matcher, StagingIntake staging, GiftPosting posting, ObjectMapper json,
                   AgreementAdvance agreements) {
        this.agreements = agreements;
        this.twenty = twenty;
        this.matcher = matcher;
        this.staging = staging;
        this.posting = posting;
        this.json = json;
    }

    /** Results by staging id; a failure (Twenty unavailable) fails the whole group, to be tried again. */
    Uni<Map<String, Result>> post(TwentyCaller caller, List<Payment> payments) {
        Map<String, Result> results = new LinkedHashMap<>();
        if (payments.isEmpty()) {
            return Uni.createFrom().item(results);
        }
        Map<String, ObjectNode> rowsById = new LinkedHashMap<>();
        payments.forEach(payment -> rowsById.put(payment.stagingId(), row(payment)));
        List<ObjectNode> rows = List.copyOf(rowsById.values());
        return createAll(caller, StagingRecords.OBJECT, rows)
                .chain(written -> {
                    written.refused().forEach((stagingId, reason) -> results.put(stagingId, new Result(EventOutcome.Status.PARKED,
                            "Twenty refused the staging row: " + reason, null)));
                    // Rows that were there before this group: a repeat of a payment, or the group again after a crash.
                    Map<String, ObjectNode> earlier = written.existing();
                    List<Payment> open = new ArrayList<>();
                    for (Payment payment : payments) {
                        JsonNode before = earlier.get(payment.stagingId());
                        if (results.containsKey(payment.stagingId())) {
                            continue;
                        }
                        if (before != null && StagingStatuses.PROCESSED.equals(before.path("processingStatus").asText())) {
                            results.put(payment.stagingId(), new Result(EventOutcome.Status.DUPLICATE,
                                    "its payment was posted already", before.path("giftId").asText(null)));
                        } else if (payment.reviewReason() != null) {
                            results.put(payment.stagingId(), new Result(EventOutcome.Status.STAGED_FOR_REVIEW, payment.reviewReason(), null));
                        } else {
                            open.add(payment);
                        }
                    }
                    return Agreements.find(twenty, caller, open.stream().flatMap(payment -> payment.references().stream()).toList())
                            .chain(found -> donors(caller, open, rowsById, found, results));
                })
                .map(ignored -> results);
    }

    /** Finds each payment's donor, creates the new ones, then posts the gifts of those with a donor. */
    private Uni<Void> donors(TwentyCaller caller, List<Payment> all, Map<String, ObjectNode> rows,
                             Map<Agreements.Reference, JsonNode> agreementsFound, Map<String, Result> results) {
        Map<String, String> donorIds = new HashMap<>();
        Map<String, ObjectNode> reviews = new LinkedHashMap<>();
        Map<String, JsonNode> linked = new HashMap<>();
        List<Payment> open = new ArrayList<>();
        List<Payment> newAgreements = new ArrayList<>();
        for (Payment payment : all) {
            if (!payment.recurring()) {
                open.add(payment);
                continue;
            }
            // An instalment's donor is its agreement's: no lookup, no new person.
            JsonNode agreement = payment.references().stream().map(agreementsFound::get).filter(Objects::nonNull).findFirst().orElse(null);
            if (agreement == null && payment.cadence() != null) {
                // A new subscription's first payment: its donor is found as a one-off's is, then its agreement made.
                open.add(payment);
                newAgreements.add(payment);
                continue;
            }
            String donorId = agreement == null ? null : PersonRecords.text(agreement.path("donorId"));
            if (donorId == null) {
                String reason = agreement == null
                        ? "no recurring agreement has " + payment.describedReference() + ": create or link the agreement, then process the row"
                        : "recurring agreement " + agreement.path("id").asText() + " has no donor";
                reviews.put(payment.stagingId(), reviewMark(rows.get(payment.stagingId()), null, reason));
                results.put(payment.stagingId(), new Result(EventOutcome.Status.STAGED_FOR_REVIEW, reason, null));
            } else {
                donorIds.put(payment.stagingId(), donorId);
                linked.put(payment.stagingId(), agreement);
                Agreements.link(rows.get(payment.stagingId()), agreement);
            }
        }
        if (open.isEmpty()) {
            List<Payment> posting = all.stream().filter(payment -> donorIds.containsKey(payment.stagingId())).toList();
            return gifts(caller, posting, rows, donorIds, Map.of(), linked, reviews, results);
        }
        List<DonorIdentity> identities = open.stream().map(payment -> payment.draft().identity()).toList();
        return matcher.match(caller, identities).chain(matches -> {
            List<ObjectNode> people = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                Payment payment = open.get(i);
                DonorMatch match = matches.get(i);
                DonorIdentity identity = identities.get(i);
                if (DonorMatch.AUTO_LINKED.equals(match.status())) {
                    donorIds.put(payment.stagingId(), match.matchedDonorId());
                } else if (DonorMatch.NO_MATCH.equals(match.status()) && creatable(identity)) {
                    String personId = GiftRecords.personIdFor(payment.stagingId());
                    people.add(PersonRecords.newPerson(personId, identity, payment.draft().columns().deepCopy().setAll(payment.draft().extras())));
                    donorIds.put(payment.stagingId(), personId);
                } else {
                    DonorMatch.Candidate owner = match.emailOwnerUnderAnotherName();
                    String reason = owner != null
                            ? StagingDiagnostics.emailConflict(owner, identity.email()).path("message").asText()
                            : DonorMatch.PARTIAL_MATCH_REVIEW.equals(match.status())
                            ? "possible existing donor: a person must choose (" + match.reason() + ")"
                            : "no usable donor identity: a new donor needs a first name and a last name or an email";
                    ObjectNode mark = reviewMark(rows.get(payment.stagingId()), match, reason);
                    if (owner != null) {
                        // An email that belongs to a person with another name is a conflict, never a guess.
                        ObjectNode diagnostics = (ObjectNode) mark.get("processingDiagnostics");
                        diagnostics.set("donorEmailConflict", StagingDiagnostics.emailConflict(owner, identity.email()));
                        StagingDiagnostics.addWarning(diagnostics, StagingDiagnostics.DONOR_EMAIL_CONFLICT);
                    }
                    reviews.put(payment.stagingId(), mark);
                    results.put(payment.stagingId(), new Result(EventOutcome.Status.STAGED_FOR_REVIEW, reason, null));
                }
            }
            return createAll(caller, FundraisingSchema.PERSON.plural(), people).map(Written::refused).chain(refusedPeople -> {
                List<Payment> posting = new ArrayList<>();
                for (Payment payment : all) {
                    String donorId = donorIds.get(payment.stagingId());
                    String refused = donorId == null ? null : refusedPeople.get(donorId);
                    if (refused != null) {
                        String reason = "Twenty refused the new donor: " + refused;
                        reviews.put(payment.stagingId(), reviewMark(rows.get(payment.stagingId()), null, reason));
                        results.put(payment.stagingId(), new Result(EventOutcome.Status.STAGED_FOR_REVIEW, reason, null));
                    } else if (donorId != null) {
                        posting.add(payment);
                    }
                }
                return agreementsFor(caller, newAgreements, posting, rows, donorIds, linked, reviews, results)
                        .chain(postable -> gifts(caller, postable, rows, donorIds, matches(open, matches), linked, reviews, results));
            });
        });
    }

    /**
     * The agreements of new subscriptions whose donor is now known, made in one call (their ids derived from the
     * subscription, so a repeat finds the first) and linked to their payments; answers the payments to post.
     */
    private Uni<List<Payment>> agreementsFor(TwentyCaller caller, List<Payment> newAgreements, List<Payment> posting,
                                             Map<String, ObjectNode> rows, Map<String, String> donorIds,
                                             Map<String, JsonNode> linked, Map<String, ObjectNode> reviews,
                                             Map<String, Result> results) {
        Map<String, ObjectNode> made = new LinkedHashMap<>();
        for (Payment payment : newAgreements) {
            String donorId = donorIds.get(payment.stagingId());
            if (donorId != null && posting.contains(payment)) {
                made.put(payment.stagingId(), Agreements.newAgreement(payment.subscriptionId(), payment.cadence(), donorId,
                        rows.get(payment.stagingId())));
            }
        }
        if (made.isEmpty()) {
            return Uni.createFrom().item(posting);
        }
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        made.values().forEach(agreement -> byId.putIfAbsent(agreement.path("id").asText(), agreement));
        return createAll(caller, Agreements.OBJECT, List.copyOf(byId.values())).map(written -> {
            List<Payment> postable = new ArrayList<>();
            for (Payment payment : posting) {
                ObjectNode agreement = made.get(payment.stagingId());
                String refused = agreement == null ? null : written.refused().get(agreement.path("id").asText());
                if (refused != null) {
                    String reason = "Twenty refused the new recurring agreement: " + refused;
                    reviews.put(payment.stagingId(), reviewMark(rows.get(payment.stagingId()), null, reason));
                    results.put(payment.stagingId(), new Result(EventOutcome.Status.STAGED_FOR_REVIEW, reason, null));
                    continue;
                }
                if (agreement != null) {
                    linked.put(payment.stagingId(), agreement);
                    Agreements.link(rows.get(payment.stagingId()), agreement);
                }
                postable.add(payment);
            }
            return postable;
        });
    }

    private Uni<Void> gifts(TwentyCaller caller, List<Payment> posting, Map<String, ObjectNode> rows, Map<String, String> donorIds,
                            Map<String, DonorMatch> matches, Map<String, JsonNode> linked, Map<String, ObjectNode> marks,
                            Map<String, Result> results) {
        List<ObjectNode> gifts = posting.stream().map(payment -> {
            ObjectNode row = rows.get(payment.stagingId()).deepCopy().put("donorId", donorIds.get(payment.stagingId()));
            return this.posting.giftFor(row, StagingRecords.rawPayload(row));
        }).toList();
        return createAll(caller, GiftRecords.OBJECT, gifts).chain(written -> {
            Map<String, String> refused = written.refused();
            for (Payment payment : posting) {
                String stagingId = payment.stagingId();
                String giftId = GiftRecords.giftIdFor(stagingId);
                String reason = refused.get(giftId);
                ObjectNode mark = json.createObjectNode().put("id", stagingId).put("donorId", donorIds.get(stagingId));
                ObjectNode diagnostics = rows.get(stagingId).path("processingDiagnostics").deepCopy();
                DonorMatch match = matches.get(stagingId);
                JsonNode agreement = linked.get(stagingId);
                diagnostics.putObject("identityResolution")
                        .put("status", agreement != null ? "recurring_agreement"
                                : DonorMatch.AUTO_LINKED.equals(match.status()) ? DonorMatch.AUTO_LINKED : "created_donor")
                        .put("matchedDonorId", donorIds.get(stagingId));
                if (agreement != null) {
                    mark.put("recurringAgreementId", agreement.path("id").asText());
                }
                mark.set("processingDiagnostics", diagnostics);
                if (reason == null) {
                    mark.put("processingStatus", StagingStatuses.PROCESSED).put("validationStatus", StagingStatuses.PASSED)
                            .put("dedupeStatus", StagingStatuses.PASSED).put("giftId", giftId).putNull("errorDetail");
                    results.put(stagingId, new Result(EventOutcome.Status.PROCESSED, "posted", giftId));
                } else {
                    mark.put("processingStatus", StagingStatuses.FAILED).put("errorDetail", "Gift create failed: " + reason);
                    results.put(stagingId, new Result(EventOutcome.Status.PROCESS_FAILED, "Twenty refused the gift: " + reason, null));
                }
                marks.put(stagingId, mark);
            }
            // Every agreement with a gift in Twenty now moves on, those found from an earlier try too: the advance is
            // recomputed from the agreement's gifts, so a replayed instalment never counts twice, and it comes before
            // the rows' marks, so a try cut off after the gifts does it on the next try.
            List<JsonNode> advanced = posting.stream()
                    .filter(payment -> linked.containsKey(payment.stagingId()) && !refused.containsKey(GiftRecords.giftIdFor(payment.stagingId())))
                    .map(payment -> linked.get(payment.stagingId())).distinct().toList();
            Uni<Void> marked = marks.isEmpty() ? Uni.createFrom().voidItem()
                    : twenty.upsertMany(caller, StagingRecords.OBJECT, List.copyOf(marks.values())).replaceWithVoid();
            return agreements.advanceAll(caller, advanced).chain(() -> marked);
        });
    }

    private static Map<String, DonorMatch> matches(List<Payment> open, List<DonorMatch> matches) {
        Map<String, DonorMatch> byRow = new HashMap<>();
        for (int i = 0; i < open.size(); i++) {
            byRow.put(open.get(i).stagingId(), matches.get(i));
        }
        return byRow;
    }

    /**
     * What a create of many wrote: the ids it created now, the records that were there already (by id), and the ids
     * Twenty refused with its reason.
     */
    private record Written(Set<String> created, Map<String, ObjectNode> existing, Map<String, String> refused) {
        Written merge(Written other) {
            Set<String> allCreated = new HashSet<>(created);
            allCreated.addAll(other.created());
            Map<String, ObjectNode> allExisting = new HashMap<>(existing);
            allExisting.putAll(other.existing());
            Map<String, String> allRefused = new HashMap<>(refused);
            allRefused.putAll(other.refused());
            return new Written(allCreated, allExisting, allRefused);
        }
    }

    /**
     * Creates those of the records not there yet in one call; a call Twenty refuses is halved down to the record
     * at fault, so one bad record does not hold back the rest.
     */
    private Uni<Written> createAll(TwentyCaller caller, String plural, List<ObjectNode> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(new Written(Set.of(), Map.of(), Map.of()));
        }
        return twenty.createMissing(caller, plural, records)
                .map(created -> new Written(created.created().stream().map(r -> r.path("id").asText()).collect(Collectors.toSet()),
                        created.existing().stream().collect(Collectors.toMap(r -> r.path("id").asText(), r -> r, (a, b) -> a)),
                        Map.of()))
                .onFailure(failure -> failure instanceof TwentyException twentyFailure
                        && twentyFailure.kind() == TwentyException.Kind.REJECTED)
                .recoverWithUni(failure -> {
                    if (records.size() == 1) {
                        return Uni.createFrom().item(new Written(Set.of(), Map.of(),
                                Map.of(records.get(0).path("id").asText(), failure.getMessage())));
                    }
                    List<ObjectNode> first = records.subList(0, records.size() / 2);
                    List<ObjectNode> second = records.subList(records.size() / 2, records.size());
                    return createAll(caller, plural, first).chain(a -> createAll(caller, plural, second).map(a::merge));
                });
    }

    /** The staging row of a payment: its donor left to the matcher, or marked for review with the reason. */
    private ObjectNode row(Payment payment) {
        ObjectNode row = staging.importedRow(payment.stagingId(), payment.draft());
        if (payment.reviewReason() != null) {
            row.put("dedupeStatus", StagingStatuses.NEEDS_REVIEW);
            ((ObjectNode) row.path("processingDiagnostics")).put("reviewReason", payment.reviewReason());
        }
        return row;
    }

    /** The row waits for a person: its diagnostics keep what intake found, plus the reason and the matcher's candidates. */
    private ObjectNode reviewMark(ObjectNode row, DonorMatch match, String reason) {
        ObjectNode mark = json.createObjectNode().put("id", row.path("id").asText()).put("dedupeStatus", StagingStatuses.NEEDS_REVIEW);
        ObjectNode diagnostics = row.path("processingDiagnostics").deepCopy();
        diagnostics.put("reviewReason", reason);
        mark.set("processingDiagnostics", diagnostics);
        if (match != null) {
            diagnostics.set("identityResolution", json.valueToTree(match));
        }
        return mark;
    }

    /** A new donor needs a first name and either a last name or an email to be told apart later. */
    private static boolean creatable(DonorIdentity identity) {
        return !DonorIdentity.normalName(identity.firstName()).isEmpty()
                && (!DonorIdentity.normalName(identity.lastName()).isEmpty() || identity.hasEmail())
                && !identity.hasMixedScriptEmail();
    }
}
