package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The original's flat person record ({@code id, fullName, firstName, lastName, email, householdId, mailingAddress,
 * createdAt, updatedAt}) and its postal address form ({@code line1, line2, city, region, postalCode, country}),
 * to and from Twenty's FULL_NAME / EMAILS / ADDRESS shapes.
 */
public final class PersonRecords {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9(][0-9 .()\\-]{2,38}");

    /** Our address keys in order, each with Twenty's ADDRESS sub-field. */
    private static final Map<String, String> ADDRESS = new LinkedHashMap<>();

    static {
        ADDRESS.put("line1", "addressStreet1");
        ADDRESS.put("line2", "addressStreet2");
        ADDRESS.put("city", "addressCity");
        ADDRESS.put("region", "addressState");
        ADDRESS.put("postalCode", "addressPostcode");
        ADDRESS.put("country", "addressCountry");
    }

    private PersonRecords() {
    }

    public static Person normalise(JsonNode person) {
        String first = text(person.path("name").path("firstName"));
        String last = text(person.path("name").path("lastName"));
        String fullName = String.join(" ", Stream.of(first, last).filter(s -> s != null && !s.isBlank()).toList());
        return new Person(text(person.path("id")), fullName.isEmpty() ? null : fullName, first, last,
                text(person.path("emails").path("primaryEmail")), text(person.path("householdId")),
                address(person.path("mailingAddress")), text(person.path("createdAt")), text(person.path("updatedAt")));
    }

    /** Twenty's ADDRESS in the original's words, or null when empty. */
    public static Person.Address address(JsonNode address) {
        List<String> parts = ADDRESS.values().stream().map(theirs -> text(address.path(theirs))).toList();
        return parts.stream().allMatch(part -> part == null) ? null
                : new Person.Address(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4), parts.get(5));
    }

    /** Twenty's ADDRESS with every part empty: how an address is cleared (a composite field is written whole). */
    public static ObjectNode emptyAddress() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ADDRESS.values().forEach(part -> out.put(part, ""));
        return out;
    }

    /**
     * {@code {line1, …, type?}} (at least one part) as Twenty's ADDRESS; {@code null} clears. {@code type} has no
     * place in Twenty's ADDRESS and is not stored.
     */
    public static JsonNode toTwentyAddress(JsonNode address) {
        if (address == null || address.isNull()) {
            return NullNode.getInstance();
        }
        if (!address.isObject()) {
            throw new IllegalArgumentException("must be an object with line1, line2, city, region, postalCode or country, or null");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean any = false;
        for (Map.Entry<String, String> part : ADDRESS.entrySet()) {
            JsonNode value = address.get(part.getKey());
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw new IllegalArgumentException(part.getKey() + " must be a string");
            }
            String text = value == null || value.isNull() ? "" : value.asText().trim();
            any |= !text.isEmpty();
            out.put(part.getValue(), text);
        }
        List<String> unknown = new ArrayList<>();
        address.fieldNames().forEachRemaining(name -> {
            if (!ADDRESS.containsKey(name) && !"type".equals(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("has unknown parts " + unknown);
        }
        if (!any) {
            throw new IllegalArgumentException("needs at least one of line1, line2, city, region, postalCode, country");
        }
        return out;
    }

    private static String trimmed(String name) {
        return name == null ? "" : name.trim();
    }

    /** A text value, with Twenty's empty strings read as absent. */
    public static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isEmpty() ? null : node.asText();
    }

    /**
     * A new person for {@code identity}; the email is stored lower-cased, as mailboxes are matched in any case. A
     * part of the name the donor did not give (a one-word name typed at a checkout) is written empty, as Twenty does.
     */
    public static ObjectNode newPerson(String id, DonorIdentity identity) {
        ObjectNode person = JsonNodeFactory.instance.objectNode().put("id", id);
        person.putObject("name").put("firstName", trimmed(identity.firstName())).put("lastName", trimmed(identity.lastName()));
        if (identity.hasEmail()) {
            person.putObject("emails").put("primaryEmail", DonorIdentity.normalEmail(identity.email()));
        }
        return person;
    }

    /**
     * A new person for {@code identity} with the phone and postal address its gift came with ({@code intake}: the
     * body as received, with {@code donorPhone} and {@code donorAddress} as {@link #checkedPhone} and
     * {@link #checkedAddress} left them), when it had them.
     */
    public static ObjectNode newPerson(String id, DonorIdentity identity, JsonNode intake) {
        ObjectNode person = newPerson(id, identity);
        String phone = intake == null ? null : text(intake.get("donorPhone"));
        if (phone != null) {
            person.putObject("phones").put("primaryPhoneNumber", phone);
        }
        JsonNode address = intake == null ? null : intake.get("donorAddress");
        if (address != null && address.isObject()) {
            person.set("mailingAddress", toTwentyAddress(address));
        }
        return person;
    }

    /** A phone number as written: digits with spaces, dots, dashes, brackets and a leading +, at most 40 characters. */
    public static JsonNode checkedPhone(JsonNode value) {
        if (!value.isTextual() || !PHONE.matcher(value.asText().trim()).matches()) {
            throw new IllegalArgumentException("must be a phone number such as +44 20 7946 0958");
        }
        return TextNode.valueOf(value.asText().trim());
    }

    /** A postal address {@code {line1, line2, city, region, postalCode, country}}, at least one part; kept as given. */
    public static JsonNode checkedAddress(JsonNode value) {
        if (value.isNull()) {
            throw new IllegalArgumentException("must be an object with line1, line2, city, region, postalCode or country");
        }
        toTwentyAddress(value);
        return value;
    }
}
