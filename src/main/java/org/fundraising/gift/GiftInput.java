package org.fundraising.gift;

import org.fundraising.platform.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.EmailAddresses;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.platform.InputSchema.PartProblem;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.Money;
import org.fundraising.platform.TextRules;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /gifts} and {@code POST /gift-staging}: every field's type checked and named in the 400, money exact and positive with an ISO 4217
 * currency, dates real {@code YYYY-MM-DD} days, ids UUIDs, and the identity rule. Unknown fields are left out, as
 * the original did, and reported in the diagnostics.
 */
public final class GiftInput {

    /**
     * Where a gift arrives: {@code POST /gifts}, {@code POST /gift-staging} (and CSV rows), or a payment provider,
     * whose payment is taken whatever the donor typed: a payment without a usable name is staged for review,
     * never refused.
     */
    public enum Route { GIFT, STAGING, PROVIDER }

    public static final Set<String> ORG_INTENTS = Set.of("grant", "corporateInKind");
    public static final Set<String> RECURRING_INTENT = Set.of("recurring");
    private static final Map<String, String> INTENTS = Map.of("standard", "standard", "grant", "grant", "legacy", "legacy",
            "corporateinkind", "corporateInKind", "recurring", "recurring");
    public static final Set<String> INTENT_VALUES = Set.copyOf(INTENTS.values());
    private static final List<String> IDENTITY_FIELDS = List.of("contact", "donor", "companyId", "giftIntent");
    private static final int NAME_LIMIT = 255;
    private static final int EMAIL_LIMIT = 320;

    /** {@code POST /gifts}: a gift's fields, what intake takes besides, and a person's donor decision. */
    public static final InputSchema<GiftFields> CREATE = intake("Gift", GiftFields.RECEIPT, GiftFields.STAGING)
            .custom("donorDecision", Set.of("create", "review"), value -> vocabulary(value, Set.of("create", "review")));

    /** {@code PATCH /gifts/:id}: the gift's own fields; unknown ones are refused here rather than by Twenty. */
    public static final InputSchema<GiftFields> UPDATE = giftFields(InputSchema.of("Gift", GiftFields.class)
            .except(GiftFields.INTAKE, GiftFields.DECISION, GiftFields.STAGING));

    private GiftInput() {
    }

    public static ObjectNode readUpdate(JsonNode body) {
        ObjectNode patch = UPDATE.update(body).sent();
        JsonNode fee = patch.get("feeAmount");
        if (fee != null && fee.isObject() && !fee.hasNonNull("currencyCode")) {
            // Twenty replaces a CURRENCY whole, so a fee without its currency would lose it.
            if (!patch.path("amount").hasNonNull("currencyCode")) {
                throw ApiException.invalid(List.of(new FieldError("feeAmount.currencyCode", "is required")));
            }
            ((ObjectNode) fee).put("currencyCode", patch.get("amount").get("currencyCode").asText());
        }
        return patch;
    }

    /**
     * The intake fields of {@code POST /gift-staging} (and CSV rows, and payment providers' gifts): a gift's own,
     * what intake takes besides, and a staged row's; staging adds the readings of its statuses and contact details.
     */
    public static InputSchema<GiftFields> stagingSchema(String what) {
        return intake(what, GiftFields.RECEIPT, GiftFields.DECISION);
    }

    /** A gift's own fields and what only intake takes (contact, audit-only fields, the auto-process wish). */
    @SafeVarargs
    private static InputSchema<GiftFields> intake(String what, List<String>... notTaken) {
        return giftFields(InputSchema.of(what, GiftFields.class).except(notTaken).ignoringUnknown())
                .custom("contact", Kind.JSON, GiftInput::contact)
                .custom("providerContext", Kind.JSON, GiftInput::providerContext);
    }

    /** The readings of a gift record's fields that are more than their type, as intake and edits share them. */
    private static InputSchema<GiftFields> giftFields(InputSchema<GiftFields> schema) {
        return schema
                .custom("amount", Kind.MONEY, GiftInput::amount)
                .custom("feeAmount", Kind.AMOUNT, GiftInput::fee)
                .custom("donorFirstName", Kind.TEXT, GiftInput::name)
                .custom("donorLastName", Kind.TEXT, GiftInput::name)
                .custom("donorEmail", Kind.TEXT, GiftInput::email)
                .custom("giftIntent", INTENT_VALUES, GiftInput::intent)
                .custom("estimatedValue", Kind.NUMBER, GiftInput::estimatedValue)
                .custom("recurringMetadata", Kind.JSON, GiftInput::recurringMetadata);
    }

    /** Fields accepted because the original did, with no column on the staging row: kept in the audit copy only. */
    private static final Set<String> EXTRAS = Set.of("description", "providerAgreementId", "donorPhone", "donorAddress");

    /** A {@code POST /gifts} body. */
    public static GiftDraft read(JsonNode body, LocalDate today) {
        return read(body, CREATE, Route.GIFT, today);
    }

    /** An intake body read with {@code schema} (see {@link #stagingSchema}); {@code route} decides the identity rule. */
    public static GiftDraft read(JsonNode body, InputSchema<GiftFields> schema, Route route, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode read = schema.forCreate(body, errors);
        ObjectNode columns = JsonNodeFactory.instance.objectNode();
        ObjectNode extras = JsonNodeFactory.instance.objectNode();
        read.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                (EXTRAS.contains(field.getKey()) ? extras : columns).set(field.getKey(), field.getValue());
            }
        });
        JsonNode contact = columns.remove("contact");
        if (contact != null) {
            // The donor* fields win over contact.*, as in the original.
            contact.fields().forEachRemaining(part -> {
                String column = "donor" + Character.toUpperCase(part.getKey().charAt(0)) + part.getKey().substring(1);
                if (!columns.hasNonNull(column)) {
                    columns.set(column, part.getValue());
                }
            });
        }
        checkIdentity(columns, route, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        GiftFields fields = schema.body(read).fields();
        if (columns.hasNonNull("feeAmount") && !columns.get("feeAmount").hasNonNull("currencyCode")) {
            ((ObjectNode) columns.get("feeAmount")).put("currencyCode", columns.get("amount").get("currencyCode").asText());
        }
        boolean defaulted = !columns.hasNonNull("giftDate");
        if (defaulted) {
            columns.put("giftDate", today.toString());
        }
        if (!columns.hasNonNull("intakeSource")) {
            columns.put("intakeSource", "manual_ui");
        }
        columns.remove(GiftFields.DECISION);
        columns.remove("autoProcess");
        return new GiftDraft(columns, extras, fields.autoProcess(), schema.unknownFields(body), defaulted, fields.donorDecision());
    }

    /** The identity rule, unless a field it rests on was already found wrong (one reason per field is enough). */
    private static void checkIdentity(ObjectNode columns, Route route, List<FieldError> errors) {
        boolean identityFieldWrong = errors.stream().anyMatch(e -> IDENTITY_FIELDS.stream().anyMatch(f -> e.field().startsWith(f)));
        if (identityFieldWrong) {
            return;
        }
        if (ORG_INTENTS.contains(columns.path("giftIntent").asText())) {
            if (!columns.hasNonNull("companyId")) {
                errors.add(new FieldError("companyId", "is required when giftIntent is grant or corporateInKind"));
            }
            // The company is the donor of an organisation's gift; a contact given with it is not credited.
            List.of("donorId", "donorFirstName", "donorLastName", "donorEmail").forEach(columns::remove);
            return;
        }
        if (columns.path("isAnonymous").asBoolean(false)) {
            // An anonymous gift has no donor by design; one that repeats (a recurring agreement) needs one.
            if (columns.hasNonNull("recurringAgreementId")) {
                errors.add(new FieldError("isAnonymous", "cannot be true for a gift of a recurring agreement"));
            }
            List.of("donorId", "companyId").forEach(columns::remove);
            return;
        }
        boolean named = columns.hasNonNull("donorFirstName") && columns.hasNonNull("donorLastName");
        if (columns.hasNonNull("donorId") || named || route == Route.PROVIDER) {
            return;
        }
        if (columns.hasNonNull("donorFirstName") || columns.hasNonNull("donorLastName")) {
            errors.add(new FieldError(columns.hasNonNull("donorFirstName") ? "contact.lastName" : "contact.firstName",
                    "is required: a donor needs a first and a last name"));
        } else {
            errors.add(new FieldError("contact", route == Route.GIFT
                    ? "contact {firstName, lastName, email?} or contactId is required"
                    : "contact, contactId, donorId or donorFirstName and donorLastName is required"));
        }
    }

    private static JsonNode amount(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("must be an object {amountMicros, currencyCode}");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("amountMicros", micros(value.get("amountMicros"), true));
        out.put("currencyCode", currency(value.get("currencyCode")));
        return out;
    }

    private static JsonNode fee(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("must be an object {amountMicros, currencyCode?}");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("amountMicros", micros(value.get("amountMicros"), false));
        JsonNode code = value.get("currencyCode");
        if (code != null && !code.isNull()) {
            out.put("currencyCode", currency(code));
        }
        return out;
    }

    /** Money is a whole number of millionths of the currency unit: 12.50 GBP is 12500000. */
    private static long micros(JsonNode value, boolean positive) {
        try {
            return Money.micros(value, positive ? Money.Sign.POSITIVE : Money.Sign.NON_NEGATIVE);
        } catch (IllegalArgumentException e) {
            throw new PartProblem("amountMicros", e.getMessage());
        }
    }

    private static String currency(JsonNode code) {
        try {
            return Money.currency(code);
        } catch (IllegalArgumentException e) {
            throw new PartProblem("currencyCode", e.getMessage().replaceFirst("^currencyCode ", ""));
        }
    }

    private static JsonNode contact(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("must be an object {firstName, lastName, email?}");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String part : List.of("firstName", "lastName")) {
            JsonNode text = value.get(part);
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new PartProblem(part, "is required and must be a non-empty string");
            }
            out.set(part, checkedName(part, text));
        }
        JsonNode email = value.get("email");
        if (email != null && !email.isNull()) {
            if (!email.isTextual() || email.asText().isBlank()) {
                throw new PartProblem("email", "if provided, must be a non-empty string");
            }
            out.set("email", checkedEmail("email", email));
        }
        return out;
    }

    public static JsonNode name(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("must be a string");
        }
        return value.asText().isBlank() ? JsonNodeFactory.instance.nullNode() : checkedName(null, value);
    }

    public static JsonNode email(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("must be a string");
        }
        return value.asText().isBlank() ? JsonNodeFactory.instance.nullNode() : checkedEmail(null, value);
    }

    private static JsonNode checkedName(String part, JsonNode value) {
        String text = value.asText().trim();
        if (text.length() > NAME_LIMIT) {
            throw problem(part, "must be at most " + NAME_LIMIT + " characters");
        }
        String unfit = TextRules.problem(text, false);
        if (unfit != null) {
            throw problem(part, unfit);
        }
        return TextNode.valueOf(text);
    }

    /** A gift's email as given (trimmed, NFKC), refused when it is not one mailbox's plain address. */
    private static JsonNode checkedEmail(String part, JsonNode value) {
        String text = value.asText().strip();
        String unfit = text.length() > EMAIL_LIMIT ? "must be an email address"
                : TextRules.problem(text, false) != null ? TextRules.problem(text, false) : EmailAddresses.problem(text);
        if (unfit != null) {
            throw problem(part, unfit);
        }
        return TextNode.valueOf(Normalizer.normalize(text, Normalizer.Form.NFKC));
    }

    private static IllegalArgumentException problem(String part, String message) {
        return part == null ? new IllegalArgumentException(message) : new PartProblem(part, message);
    }

    public static JsonNode intent(JsonNode value) {
        String canonical = value.isTextual() ? INTENTS.get(value.asText().trim().toLowerCase(Locale.ROOT)) : null;
        if (canonical == null) {
            throw new IllegalArgumentException("must be one of standard, grant, legacy, corporateInKind, recurring");
        }
        return TextNode.valueOf(canonical);
    }

    /** An in-kind gift's estimated value in major units: a number of at least 0, at most six decimals. */
    public static JsonNode estimatedValue(JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("must be a number of at least 0");
        }
        Money.microsFromMajor(value, Money.Sign.NON_NEGATIVE);
        return value;
    }

    private static JsonNode providerContext(JsonNode value) {
        if (!value.isObject() && !value.isTextual()) {
            throw new IllegalArgumentException("must be an object, a string or null");
        }
        // A string holding a JSON object (as the original's connectors sent it) is kept as that object.
        JsonNode parsed = JsonText.object(value);
        return parsed != null ? parsed : value;
    }

    private static JsonNode recurringMetadata(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("must be an object or null");
        }
        return value;
    }

    public static JsonNode vocabulary(JsonNode value, Set<String> allowed) {
        String text = value.isTextual() ? value.asText().trim().toLowerCase(Locale.ROOT) : null;
        if (text == null || !allowed.contains(text)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return TextNode.valueOf(text);
    }
}
