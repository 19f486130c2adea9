package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.fundraising.donor.DonorIdentity;
import org.fundraising.gift.GiftRecords;
import org.fundraising.platform.Money;
import org.fundraising.platform.RecordText;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Possible duplicate gifts: a row whose donor, date and amount equal another row's of the same file or an existing
 * gift's is flagged {@code possible_duplicate_gift} and waits for a person (its {@code dedupeStatus} is
 * {@code needs_review}, and {@code processingDiagnostics.possibleDuplicateGift} says what it repeats); a reviewer
 * who finds it a distinct gift sets its {@code dedupeStatus} again and the next process run posts it.
 */
final class DuplicateGifts {

    static final String FLAG = "possible_duplicate_gift";
    static final String DIAGNOSTIC = "possibleDuplicateGift";

    private DuplicateGifts() {
    }

    /** The donor (the linked one, else the email, else the name), the date and the amount of an intake's columns. */
    static String key(JsonNode columns) {
        String donor = RecordText.has(columns, "donorId") ? columns.get("donorId").asText()
                : RecordText.has(columns, "donorEmail") ? DonorIdentity.normalEmail(columns.get("donorEmail").asText())
                : (columns.path("donorFirstName").asText("") + " " + columns.path("donorLastName").asText("")).trim().toLowerCase(Locale.ROOT);
        return donor + "|" + columns.path("giftDate").asText("") + "|" + Money.storedMicros(columns.path("amount")) + "|"
                + columns.path("amount").path("currencyCode").asText("");
    }

    /** Flags a staging row as repeating {@code what}; its donor link, if any, is kept. */
    static void flag(ObjectNode row, ObjectNode diagnostics, ObjectNode what) {
        row.put("dedupeStatus", StagingStatuses.NEEDS_REVIEW);
        diagnostics.set(DIAGNOSTIC, what);
    }

    static boolean flagged(JsonNode diagnostics) {
        return diagnostics.hasNonNull(DIAGNOSTIC);
    }

    /**
     * The existing gifts of these donors on these dates (one read for up to 60 rows), by {@link #key}: which of the
     * rows just linked to a donor repeat a gift already in Twenty.
     */
    static Uni<Map<String, String>> existing(TwentyClient twenty, TwentyCaller caller, Set<String> donorIds, Set<String> dates) {
        if (donorIds.isEmpty() || dates.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String filter = Filters.and(Filters.in("donorId", donorIds), Filters.in("giftDate", dates));
        return twenty.listAll(caller, GiftRecords.OBJECT, TwentyQuery.all().withFilter(filter)).collect().asList().map(gifts -> {
            Map<String, String> byKey = new HashMap<>();
            gifts.forEach(gift -> byKey.putIfAbsent(key(gift), gift.path("id").asText()));
            return byKey;
        });
    }

    /** What a flagged row repeats: an existing gift. */
    static ObjectNode sameAsGift(String giftId) {
        return JsonNodeFactory.instance.objectNode().put("reason", FLAG).put("giftId", giftId);
    }

    /** What a flagged row repeats: an earlier row of the same file. */
    static ObjectNode sameAsRow(int row) {
        return JsonNodeFactory.instance.objectNode().put("reason", FLAG).put("csvRow", row);
    }

    /** The dates of rows, for {@link #existing}. */
    static Set<String> dates(List<? extends JsonNode> rows) {
        Set<String> dates = new LinkedHashSet<>();
        rows.forEach(row -> {
            if (row.hasNonNull("giftDate")) {
                dates.add(row.get("giftDate").asText());
            }
        });
        return dates;
    }
}
