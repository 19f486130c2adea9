package org.fundraising.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Totals as Twenty fields, and the comparison with what a record holds, so only records whose values differ are
 * written. A parent without gifts holds zero amounts and counts and no dates; a field never written (null) reads
 * as that zero, so people who never gave are not written at all.
 */
final class RollupValues {

    static final List<String> DONOR_FIELDS = List.of("lifetimeGiftAmount", "lifetimeGiftCount", "firstGiftDate",
            "lastGiftDate", "lastGiftAmount", "largestGiftAmount", "yearToDateGiftAmount", "yearToDateGiftCount",
            "otherCurrencyGiftCount");
    static final List<String> APPEAL_FIELDS = List.of("raisedAmount", "giftCount", "donorCount", "lastGiftAt",
            "otherCurrencyGiftCount");
    static final List<String> OPPORTUNITY_FIELDS = List.of("giftsCount", "giftsReceivedAmount");

    private enum Shape { MONEY, COUNT, DATE, DATE_TIME }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("lifetimeGiftAmount", Shape.MONEY), Map.entry("lastGiftAmount", Shape.MONEY),
            Map.entry("largestGiftAmount", Shape.MONEY), Map.entry("yearToDateGiftAmount", Shape.MONEY),
            Map.entry("raisedAmount", Shape.MONEY), Map.entry("giftsReceivedAmount", Shape.MONEY),
            Map.entry("lifetimeGiftCount", Shape.COUNT), Map.entry("yearToDateGiftCount", Shape.COUNT),
            Map.entry("otherCurrencyGiftCount", Shape.COUNT), Map.entry("giftCount", Shape.COUNT),
            Map.entry("donorCount", Shape.COUNT), Map.entry("giftsCount", Shape.COUNT),
            Map.entry("firstGiftDate", Shape.DATE), Map.entry("lastGiftDate", Shape.DATE),
            Map.entry("lastGiftAt", Shape.DATE_TIME));

    private RollupValues() {
    }

    /** The fields of {@code kind} for {@code totals} ({@code null}: no gifts), in the base currency. */
    static ObjectNode of(ParentKind kind, Totals totals, String baseCurrency) {
        Totals t = totals == null ? new Totals() : totals;
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        switch (kind) {
            case APPEAL -> {
                money(values, "raisedAmount", t.amountMicros(), baseCurrency);
                values.put("giftCount", t.count());
                values.put("donorCount", t.contributorCount());
                if (t.lastDate() == null) {
                    values.putNull("lastGiftAt");
                } else {
                    values.put("lastGiftAt", t.lastDate().atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                }
                values.put("otherCurrencyGiftCount", t.otherCurrencyCount());
            }
            case OPPORTUNITY -> {
                values.put("giftsCount", t.count());
                money(values, "giftsReceivedAmount", t.amountMicros(), baseCurrency);
            }
            default -> {
                money(values, "lifetimeGiftAmount", t.amountMicros(), baseCurrency);
                values.put("lifetimeGiftCount", t.count());
                date(values, "firstGiftDate", t.firstDate());
                date(values, "lastGiftDate", t.lastDate());
                money(values, "lastGiftAmount", t.lastAmountMicros(), baseCurrency);
                money(values, "largestGiftAmount", t.largestMicros(), baseCurrency);
                money(values, "yearToDateGiftAmount", t.yearToDateMicros(), baseCurrency);
                values.put("yearToDateGiftCount", t.yearToDateCount());
                values.put("otherCurrencyGiftCount", t.otherCurrencyCount());
            }
        }
        return values;
    }

    /** True when {@code stored} (a record read from Twenty) holds other values than {@code wanted}. */
    static boolean differ(JsonNode stored, ObjectNode wanted) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) wanted::fields) {
            if (!same(SHAPES.get(field.getKey()), stored.path(field.getKey()), field.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(Shape shape, JsonNode stored, JsonNode wanted) {
        return switch (shape) {
            case MONEY -> {
                long storedMicros = GiftFacts.micros(stored.path("amountMicros"));
                long wantedMicros = wanted.path("amountMicros").asLong();
                // An empty amount is zero in any currency.
                yield storedMicros == wantedMicros && (wantedMicros == 0
                        || wanted.path("currencyCode").asText().equals(stored.path("currencyCode").asText()));
            }
            case COUNT -> (stored.isNumber() || stored.isTextual() ? stored.asLong() : 0) == wanted.asLong();
            case DATE -> Objects.equals(dateOf(stored), dateOf(wanted));
            case DATE_TIME -> Objects.equals(GiftFacts.instant(stored), GiftFacts.instant(wanted));
        };
    }

    private static void money(ObjectNode values, String field, long micros, String currency) {
        values.putObject(field).put("amountMicros", micros).put("currencyCode", currency);
    }

    private static void date(ObjectNode values, String field, LocalDate date) {
        if (date == null) {
            values.putNull(field);
        } else {
            values.put(field, date.toString());
        }
    }

    private static String dateOf(JsonNode value) {
        String text = GiftFacts.text(value);
        return text == null || text.length() < 10 ? null : text.substring(0, 10);
    }
}
