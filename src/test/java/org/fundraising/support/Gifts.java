package org.fundraising.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Gift bodies and fixtures for the intake and staging tests. */
public final class Gifts {

    public static final String GIFTS = "/api/fundraising/gifts";
    public static final String STAGING = "/api/fundraising/gift-staging";

    private Gifts() {
    }

    public static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    public static Map<String, Object> money(long micros, String currency) {
        return Map.of("amountMicros", micros, "currencyCode", currency);
    }

    /** A gift of 15.50 GBP from {@code contact}, dated, with a payment method. */
    public static Map<String, Object> gift(Map<String, Object> contact, boolean autoProcess) {
        Map<String, Object> body = new HashMap<>();
        body.put("amount", money(15_500_000, "GBP"));
        body.put("giftDate", "2026-11-20");
        body.put("paymentMethod", "card");
        body.put("autoProcess", autoProcess);
        if (contact != null) {
            body.put("contact", contact);
        }
        return body;
    }

    public static Map<String, Object> contact(String first, String last, String email) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("firstName", first);
        contact.put("lastName", last);
        if (email != null) {
            contact.put("email", email);
        }
        return contact;
    }

    public static String person(String first, String last, String email, List<String> additional) {
        Map<String, Object> emails = new HashMap<>();
        emails.put("primaryEmail", email);
        emails.put("additionalEmails", additional);
        return EmulatorControl.create("people", Map.of("name", Map.of("firstName", first, "lastName", last), "emails", emails));
    }

    public static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        Map<String, Object> out = new HashMap<>(body);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
