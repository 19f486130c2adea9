package org.fundraising.rollup;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What of a gift the totals depend on: its parents, its money, refunds, date and whether it is in kind. Two gifts
 * with equal facts change no total, so an edit that leaves them alone (a note, a receipt status, the echo of a
 * write this service made) costs no recompute.
 */
record GiftFacts(String id, String donorId, String companyId, String appealId, String opportunityId, long amountMicros,
                 String currency, long refundedMicros, LocalDate giftDate, boolean inKind, boolean deleted,
                 Instant updatedAt) {

    /** The gift's fields a rollup reads, asked of Twenty by name so pages carry nothing else. */
    static final List<String> FIELDS = List.of("id", "donorId", "companyId", "appealId", "opportunityId", "amount",
            "refundedAmount", "giftDate", "isInKind");

    private static final String SEPARATOR = "|";

    /** The facts of a gift record as Twenty returns it; a soft-deleted gift is marked so and counts nowhere. */
    static GiftFacts of(JsonNode record) {
        JsonNode amount = record.path("amount");
        JsonNode refunded = record.path("refundedAmount");
        String currency = text(amount.path("currencyCode"));
        String refundCurrency = text(refunded.path("currencyCode"));
        long refundedMicros = refundCurrency == null || refundCurrency.equals(currency) ? micros(refunded.path("amountMicros")) : 0;
        return new GiftFacts(text(record.path("id")), text(record.path("donorId")), text(record.path("companyId")),
                text(record.path("appealId")), text(record.path("opportunityId")), micros(amount.path("amountMicros")),
                currency, refundedMicros, date(record.path("giftDate")), record.path("isInKind").asBoolean(false),
                text(record.path("deletedAt")) != null, instant(record.path("updatedAt")));
    }

    /** Whether these facts move the same totals as {@code other}: when the gift was last changed aside. */
    boolean sameTotals(GiftFacts other) {
        return withUpdatedAt(null).equals(other.withUpdatedAt(null));
    }

    /**
     * Whether these facts are from a state of the gift older than {@code other}'s, by Twenty's {@code updatedAt}: a
     * delivery replayed, or delivered out of order, after a newer one. Unknown times are never older.
     */
    boolean olderThan(GiftFacts other) {
        return updatedAt != null && other.updatedAt != null && updatedAt.isBefore(other.updatedAt);
    }

    private GiftFacts withUpdatedAt(Instant at) {
        return new GiftFacts(id, donorId, companyId, appealId, opportunityId, amountMicros, currency, refundedMicros,
                giftDate, inKind, deleted, at);
    }

    /** The same gift, deleted: it keeps its parents (they must be recomputed) and counts nowhere. */
    GiftFacts asDeleted() {
        return new GiftFacts(id, donorId, companyId, appealId, opportunityId, amountMicros, currency, refundedMicros,
                giftDate, inKind, true, updatedAt);
    }

    /** What is left of the gift after refunds: the amount every total counts. */
    long netMicros() {
        return amountMicros - Math.max(0, refundedMicros);
    }

    /** A gift counts in cash totals when it is not in kind, not deleted and not refunded in full. */
    boolean countsAsCash() {
        return !deleted && !inKind && currency != null && netMicros() > 0;
    }

    /** The parents whose totals this gift is part of (households are reached through their members later). */
    List<ParentRef> parents() {
        List<ParentRef> parents = new ArrayList<>(4);
        add(parents, ParentKind.PERSON, donorId);
        add(parents, ParentKind.COMPANY, companyId);
        add(parents, ParentKind.APPEAL, appealId);
        add(parents, ParentKind.OPPORTUNITY, opportunityId);
        return parents;
    }

    /** The facts as one line, kept in the operational store to tell a real change from an echo. */
    String line() {
        return String.join(SEPARATOR, id, orEmpty(donorId), orEmpty(companyId), orEmpty(appealId), orEmpty(opportunityId),
                Long.toString(amountMicros), orEmpty(currency), Long.toString(refundedMicros),
                giftDate == null ? "" : giftDate.toString(), Boolean.toString(inKind), Boolean.toString(deleted),
                updatedAt == null ? "" : updatedAt.toString());
    }

    /** A line of {@link #line()}; one written before lines carried {@code updatedAt} (11 parts) reads without it. */
    static GiftFacts fromLine(String line) {
        String[] parts = line.split("\\|", -1);
        if (parts.length != 11 && parts.length != 12) {
            throw new IllegalArgumentException("not a line of gift facts: " + line);
        }
        return new GiftFacts(parts[0], blankToNull(parts[1]), blankToNull(parts[2]), blankToNull(parts[3]),
                blankToNull(parts[4]), Long.parseLong(parts[5]), blankToNull(parts[6]), Long.parseLong(parts[7]),
                parts[8].isEmpty() ? null : LocalDate.parse(parts[8]), Boolean.parseBoolean(parts[9]),
                Boolean.parseBoolean(parts[10]), parts.length == 12 && !parts[11].isEmpty() ? Instant.parse(parts[11]) : null);
    }

    private static void add(List<ParentRef> parents, ParentKind kind, String id) {
        if (id != null) {
            parents.add(new ParentRef(kind, id));
        }
    }

    /** Twenty may send {@code amountMicros} as a number or a numeric string; absent is zero. */
    static long micros(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.decimalValue().longValue();
        }
        String text = value.asText().trim();
        return text.isEmpty() ? 0 : new BigDecimal(text).longValue();
    }

    private static LocalDate date(JsonNode value) {
        String text = text(value);
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** A date-time field as an instant; null when it is empty or not one. */
    static Instant instant(JsonNode value) {
        String text = text(value);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
