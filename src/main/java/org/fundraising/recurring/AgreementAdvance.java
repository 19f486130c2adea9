package org.fundraising.recurring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.Vocabulary;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.store.RecordLocks;
import org.fundraising.platform.Money;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * Moves a recurring agreement on after one of its gifts is posted, on every path (manual, staging, batch, webhook). Totals, count and
 * last payment are recomputed from the agreement's gifts rather than incremented, so advancing twice for the same
 * gift (a retry, a replay) changes nothing; only fields whose values change are written.
 */
@ApplicationScoped
public class AgreementAdvance {

    static final String OBJECT = FundraisingSchema.RECURRING_AGREEMENT.plural();
    /** A payment on a paused or delinquent agreement shows it is running again; an ended agreement stays ended. */
    private static final Set<String> REACTIVATED = Set.of("", Vocabulary.wire(RecurringAgreementResource.Status.PAUSED),
            Vocabulary.wire(RecurringAgreementResource.Status.DELINQUENT), Vocabulary.wire(RecurringAgreementResource.Status.ACTIVE));
    private static final String ACTIVE = Vocabulary.wire(RecurringAgreementResource.Status.ACTIVE);

    private final TwentyClient twenty;

    private final RecordLocks locks;

    AgreementAdvance(TwentyClient twenty, RecordLocks locks) {
        this.twenty = twenty;
        this.locks = locks;
    }

    /** {@code expectedAt}: the provider's own next date when it gave one; else computed from the cadence. */
    public Uni<Void> advance(TwentyCaller caller, String agreementId, String expectedAt) {
        return locks.one(lockName(agreementId), () -> advanceHeld(caller, agreementId, expectedAt));
    }

    /** The name under which a recomputation of an agreement from its gifts holds it, so a slower one never writes last. */
    static String lockName(String agreementId) {
        return "recurringAgreement:" + agreementId.toLowerCase(java.util.Locale.ROOT);
    }

    private Uni<Void> advanceHeld(TwentyCaller caller, String agreementId, String expectedAt) {
        Uni<JsonNode> agreement = twenty.findById(caller, OBJECT, agreementId, 0)
                .map(found -> (JsonNode) found.orElseThrow(() -> ApiException.notFound("Recurring agreement " + agreementId + " not found")));
        Uni<List<ObjectNode>> gifts = twenty.listAll(caller, FundraisingSchema.GIFT.plural(),
                TwentyQuery.all().withFilter(Filters.eq("recurringAgreementId", agreementId))).collect().asList();
        return Uni.combine().all().unis(agreement, gifts).asTuple()
                .chain(both -> {
                    ObjectNode patch = changes(both.getItem1(), both.getItem2(), expectedAt);
                    return patch.isEmpty() ? Uni.createFrom().voidItem()
                            : twenty.update(caller, OBJECT, agreementId, patch).replaceWithVoid();
                });
    }

    /**
     * Moves on several agreements whose gifts were just posted, as a group of payments does: their gifts read in one
     * call (a page per 200), their changes written in one batch call. Recomputed from the gifts, so running it again
     * changes nothing.
     */
    public Uni<Void> advanceAll(TwentyCaller caller, List<? extends JsonNode> agreements) {
        if (agreements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = agreements.stream().map(agreement -> agreement.path("id").asText()).distinct().toList();
        return locks.all(ids.stream().map(AgreementAdvance::lockName).toList(), () -> advanceAllHeld(caller, agreements, ids));
    }

    private Uni<Void> advanceAllHeld(TwentyCaller caller, List<? extends JsonNode> agreements, List<String> ids) {
        return twenty.listAll(caller, FundraisingSchema.GIFT.plural(),
                        TwentyQuery.all().withFilter(Filters.in("recurringAgreementId", ids))).collect().asList()
                .chain(gifts -> {
                    Map<String, List<ObjectNode>> byAgreement = new HashMap<>();
                    gifts.forEach(gift -> byAgreement.computeIfAbsent(gift.path("recurringAgreementId").asText(), id -> new ArrayList<>()).add(gift));
                    Map<String, ObjectNode> patches = new LinkedHashMap<>();
                    for (JsonNode agreement : agreements) {
                        String id = agreement.path("id").asText();
                        ObjectNode patch = changes(agreement, byAgreement.getOrDefault(id, List.of()), null);
                        if (!patch.isEmpty()) {
                            patches.put(id, patch.put("id", id));
                        }
                    }
                    return patches.isEmpty() ? Uni.createFrom().voidItem()
                            : twenty.upsertMany(caller, OBJECT, List.copyOf(patches.values())).replaceWithVoid();
                });
    }

    static ObjectNode changes(JsonNode agreement, List<? extends JsonNode> gifts, String expectedAt) {
        String currency = agreement.path("amount").path("currencyCode").asText("");
        if (currency.isEmpty() && !gifts.isEmpty()) {
            currency = gifts.get(0).path("amount").path("currencyCode").asText("");
        }
        BigInteger total = BigInteger.ZERO;
        LocalDate lastPaid = null;
        LocalDate firstPaid = null;
        for (JsonNode gift : gifts) {
            if (currency.equals(gift.path("amount").path("currencyCode").asText())) {
                Long micros = Money.storedMicros(gift.path("amount"));
                total = total.add(BigInteger.valueOf(micros == null ? 0 : micros));
            }
            String date = gift.path("giftDate").asText("");
            if (!date.isEmpty() && (lastPaid == null || LocalDate.parse(date).isAfter(lastPaid))) {
                lastPaid = LocalDate.parse(date);
            }
            if (!date.isEmpty() && (firstPaid == null || LocalDate.parse(date).isBefore(firstPaid))) {
                firstPaid = LocalDate.parse(date);
            }
        }
        ObjectNode wanted = JsonNodeFactory.instance.objectNode();
        if (!currency.isEmpty()) {
            wanted.putObject("totalReceivedAmount").put("amountMicros", total.longValueExact()).put("currencyCode", currency);
        }
        wanted.put("paidInstallmentCount", gifts.size());
        if (lastPaid != null) {
            wanted.put("lastPaidAt", lastPaid.toString());
        }
        LocalDate next = expectedAt != null ? LocalDate.parse(expectedAt) : nextExpected(agreement, firstPaid, gifts.size());
        if (next != null) {
            wanted.put("nextExpectedAt", next.toString());
        }
        String status = agreement.path("status").asText("");
        if (REACTIVATED.contains(status) && !ACTIVE.equals(status)) {
            wanted.put("status", ACTIVE);
        }

        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        wanted.fields().forEachRemaining(field -> {
            if (!same(agreement.get(field.getKey()), field.getValue())) {
                patch.set(field.getKey(), field.getValue());
            }
        });
        if (patch.has("status")) {
            patch.put("statusUpdatedAt", Instant.now().toString());
        }
        return patch;
    }

    /**
     * The instalment expected after {@code paid} have come: each one moves the expectation one cadence on from the
     * start date (else the first payment's date), whatever day the payments came, so a late or early payment does
     * not shift the schedule; none for a custom cadence. Counted from the start rather than added to the last
     * expectation, so working it out again gives the same date (Jan 31 monthly: Feb 28, Mar 31, …).
     */
    static LocalDate nextExpected(JsonNode agreement, LocalDate firstPaid, int paid) {
        String start = agreement.path("startDate").asText("");
        LocalDate base = start.isEmpty() ? firstPaid : LocalDate.parse(start);
        if (base == null || paid <= 0) {
            return null;
        }
        long steps = (long) Math.max(1, agreement.path("intervalCount").asInt(1)) * paid;
        return switch (agreement.path("cadence").asText("monthly")) {
            case "weekly" -> base.plusWeeks(steps);
            case "quarterly" -> base.plusMonths(3L * steps);
            case "annual" -> base.plusYears(steps);
            case "custom" -> null;
            default -> base.plusMonths(steps);
        };
    }

    private static boolean same(JsonNode current, JsonNode wanted) {
        if (current == null || current.isNull()) {
            return false;
        }
        if (wanted.isObject()) {
            return Objects.equals(current.path("currencyCode").asText(), wanted.path("currencyCode").asText())
                    && current.path("amountMicros").asText().equals(wanted.path("amountMicros").asText());
        }
        if (wanted.isNumber() && current.isNumber()) {
            return current.decimalValue().compareTo(wanted.decimalValue()) == 0;
        }
        return current.asText().equals(wanted.asText());
    }
}
