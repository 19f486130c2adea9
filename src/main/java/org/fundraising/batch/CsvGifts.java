package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftInput;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Money;
import org.fundraising.staging.StagingIntake;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV row read as a gift, by the same rules as {@code POST /gifts} (the body is built from the cells and read by
 * the staging intake's schema), with every problem named by the CSV column it came from. Amounts are in major
 * units ({@code 12.50}) with no more decimals than the currency has; a row's currency, or the batch's when the
 * row has none, must be the batch's: a batch is one deposit, in one currency. A row without an appeal or fund gets
 * the batch's default.
 */
final class CsvGifts {

    /** A row read: the gift, or the one reason it cannot be staged. */
    record Read(GiftDraft draft, ImportAnswer.Rejection rejection) {
    }

    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("amount", "amount"), Map.entry("currency", "currency"), Map.entry("contact.firstName", "first_name"),
            Map.entry("donorFirstName", "first_name"), Map.entry("contact.lastName", "last_name"),
            Map.entry("donorLastName", "last_name"), Map.entry("contact.email", "email"), Map.entry("donorEmail", "email"),
            Map.entry("contact", "first_name"), Map.entry("giftDate", "gift_date"), Map.entry("paymentMethod", "payment_method"),
            Map.entry("externalId", "external_id"), Map.entry("appealId", "appeal_id"), Map.entry("fundId", "fund_id"),
            Map.entry("notes", "notes"), Map.entry("isAnonymous", "anonymous"), Map.entry("donorPhone", "phone"),
            Map.entry("donorAddress", "address_line1"));

    /** The address columns, each with its part of a donor's address. */
    private static final Map<String, String> ADDRESS_PARTS = Map.of("address_line1", "line1", "address_line2", "line2",
            "city", "city", "region", "region", "postal_code", "postalCode", "country", "country");

    private CsvGifts() {
    }

    /** What the batch gives rows that leave them blank: its default appeal and fund. */
    record Defaults(String appealId, String fundId) {

        static Defaults of(JsonNode batch) {
            return new Defaults(batch.path("defaultAppealId").asText(null), batch.path("defaultFundId").asText(null));
        }
    }

    static Read read(CsvRows.Row row, String batchId, String batchCurrency, Defaults defaults, LocalDate today) {
        String currency = row.cell("currency") != null ? row.cell("currency").toUpperCase(Locale.ROOT) : batchCurrency;
        if (currency == null) {
            return rejected(row, "currency", "is required (no currency column, and the batch has no expected amount to take it from)");
        }
        if (!Money.isCurrency(currency)) {
            return rejected(row, "currency", "must be an ISO 4217 currency code such as GBP");
        }
        if (batchCurrency != null && !batchCurrency.equals(currency)) {
            return rejected(row, "currency", "is " + currency + " but the batch is in " + batchCurrency);
        }
        long micros;
        try {
            micros = micros(row.cell("amount"), currency);
        } catch (IllegalArgumentException e) {
            return rejected(row, "amount", e.getMessage());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("amount").put("amountMicros", micros).put("currencyCode", currency);
        ObjectNode contact = JsonNodeFactory.instance.objectNode();
        put(contact, "firstName", row.cell("first_name"));
        put(contact, "lastName", row.cell("last_name"));
        put(contact, "email", row.cell("email"));
        if (!contact.isEmpty()) {
            body.set("contact", contact);
        }
        put(body, "giftDate", row.cell("gift_date"));
        put(body, "paymentMethod", row.cell("payment_method"));
        put(body, "externalId", row.cell("external_id"));
        put(body, "appealId", row.cell("appeal_id") != null ? row.cell("appeal_id") : defaults.appealId());
        put(body, "fundId", row.cell("fund_id") != null ? row.cell("fund_id") : defaults.fundId());
        put(body, "notes", row.cell("notes"));
        String anonymous = row.cell("anonymous");
        if (anonymous != null) {
            Boolean yes = yesOrNo(anonymous);
            if (yes == null) {
                return rejected(row, "anonymous", "must be yes or no (also true/false, 1/0, y/n)");
            }
            body.put("isAnonymous", yes);
        }
        put(body, "donorPhone", row.cell("phone"));
        ObjectNode address = JsonNodeFactory.instance.objectNode();
        ADDRESS_PARTS.forEach((column, part) -> put(address, part, row.cell(column)));
        if (!address.isEmpty()) {
            body.set("donorAddress", address);
        }
        body.put("intakeSource", "csv_import").put("giftBatchId", batchId).put("autoProcess", false);
        try {
            return new Read(GiftInput.read(body, StagingIntake.SCHEMA, GiftInput.Route.STAGING, today), null);
        } catch (ApiException invalid) {
            List<?> details = invalid.details();
            if (!details.isEmpty() && details.get(0) instanceof FieldError first) {
                return rejected(row, columnOf(first.field()), first.message());
            }
            return rejected(row, null, invalid.getMessage());
        }
    }

    /** {@code 12.50} → 12 500 000 micros, with at most the currency's decimals (JPY none, GBP two, BHD three). */
    static long micros(String amount, String currency) {
        if (amount == null) {
            throw new IllegalArgumentException("is required");
        }
        BigDecimal major;
        try {
            major = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number in " + currency + " such as 12.50 (no currency signs or thousands separators)");
        }
        int digits = Money.fractionDigits(currency);
        if (major.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("has more decimals than " + currency + " has (" + digits + ")");
        }
        return Money.microsFromMajor(TextNode.valueOf(major.toPlainString()), Money.Sign.POSITIVE);
    }

    /** The CSV column of the first gift field a message of Twenty's names ({@code "appealId"} → appeal_id), if any. */
    static String columnNamedIn(String message) {
        if (message == null) {
            return null;
        }
        Optional<String> linked = FundraisingSchema.GIFT_STAGING.foreignKeyColumn(message);
        if (linked.isPresent()) {
            return COLUMN_OF_FIELD.get(linked.get());
        }
        return COLUMN_OF_FIELD.keySet().stream().filter(field -> !field.contains(".") && message.contains("\"" + field + "\""))
                .map(COLUMN_OF_FIELD::get).findFirst().orElse(null);
    }

    private static String columnOf(String field) {
        String column = COLUMN_OF_FIELD.get(field);
        if (column == null && field.contains(".")) {
            column = COLUMN_OF_FIELD.get(field.substring(0, field.indexOf('.')));
        }
        return column != null ? column : field;
    }

    private static Boolean yesOrNo(String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> true;
            case "no", "n", "false", "0" -> false;
            default -> null;
        };
    }

    private static void put(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static Read rejected(CsvRows.Row row, String column, String reason) {
        return new Read(null, new ImportAnswer.Rejection(row.number(), column, reason));
    }
}
