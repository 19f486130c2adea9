package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTest;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.Gifts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.money;
import static org.fundraising.support.Gifts.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding 7: ISO codes that are not money (XXX, XTS), dates such as 0000-01-01 and 9999-12-31, text with NUL or
 * bidi overrides, a sort direction "sideways" — all were accepted; a Cyrillic look-alike email silently made a
 * second donor. The bounds: currencies with a minor unit, dates from 1900-01-01 to 2100-12-31, no control or
 * bidi-control characters, sort directions asc or desc; a mixed-script email is kept for a person to review.
 */
@QuarkusTest
class DoubtfulValuesTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @Test
    void currenciesThatAreNotMoneyAreRefused() {
        for (String code : List.of("XXX", "XTS", "XAU", "XDR")) {
            api().body(with(gift(contact("Ada", "Lovelace", null), false), "amount", money(1_000_000, code)))
                    .post(Gifts.GIFTS).then().statusCode(400).body("details.field", hasItem("amount.currencyCode"));
        }
        api().body(with(gift(contact("Ada", "Lovelace", null), false), "amount", money(1_000_000, "JPY")))
                .post(Gifts.GIFTS).then().statusCode(200);
    }

    @Test
    void datesOutsideTheBoundsAreRefused() {
        for (String date : List.of("0000-01-01", "9999-12-31", "1899-12-31", "2101-01-01")) {
            api().body(with(gift(contact("Ada", "Lovelace", null), false), "giftDate", date)).post(Gifts.GIFTS)
                    .then().statusCode(400).body("details[0].field", equalTo("giftDate"))
                    .body("details[0].message", equalTo("must be between 1900-01-01 and 2100-12-31"));
        }
        api().body(with(gift(contact("Ada", "Lovelace", null), false), "giftDate", "1900-01-01")).post(Gifts.GIFTS)
                .then().statusCode(200);
        api().body(Map.of("name", "A", "startDate", "9999-12-31")).post("/api/fundraising/appeals").then().statusCode(400)
                .body("details[0].field", equalTo("startDate"));
    }

    @Test
    void controlAndBidiCharactersAreRefusedInTextNamesAndEmails() {
        api().body(with(gift(contact("A\u0000da", "Lovelace", null), false))).post(Gifts.GIFTS).then().statusCode(400)
                .body("details[0].field", equalTo("contact.firstName"));
        api().body(with(gift(contact("Ada", "Love\u202Eecal", null), false))).post(Gifts.GIFTS).then().statusCode(400)
                .body("details[0].message", containsString("bidirectional"));
        api().body(with(gift(contact("Ada", "Lovelace", "ada\u0007@example.org"), false))).post(Gifts.GIFTS)
                .then().statusCode(400).body("details[0].field", equalTo("contact.email"));
        api().body(with(gift(contact("Ada", "Lovelace", null), false), "notes", "paid at the door\u001b[2J"))
                .post(Gifts.GIFTS).then().statusCode(400).body("details[0].field", equalTo("notes"));
        api().body(Map.of("name", "Spring\u2066 appeal")).post("/api/fundraising/appeals").then().statusCode(400);
        // Line breaks and tabs belong in notes.
        api().body(with(gift(contact("Ada", "Lovelace", null), false), "notes", "line one\nline two\ttabbed"))
                .post(Gifts.GIFTS).then().statusCode(200);
        assertEquals(0, EmulatorControl.records("appeals"));
    }

    @Test
    void aMixedScriptEmailIsReviewedNotMadeIntoASecondDonor() {
        Gifts.person("Ada", "Lovelace", "paypal@example.org", List.of());
        int people = EmulatorControl.records("people");
        // "pаypal" with a Cyrillic а: looks like the existing donor's address, is not.
        api().body(gift(contact("Ada", "Lovelace", "p\u0430ypal@example.org"), true)).post(Gifts.GIFTS).then().statusCode(200)
                .body("meta.stagedOnly", equalTo(true))
                .body("meta.processingDiagnostics.processingWarnings", hasItem("mixed_script_email"))
                .body("data.giftStaging.dedupeStatus", equalTo("needs_review"));
        assertEquals(people, EmulatorControl.records("people"), "a second donor was created");
        assertEquals(0, EmulatorControl.records("gifts"));
        // One script per part is an ordinary address.
        api().body(gift(contact("Ivan", "Petrov", "иван@example.org"), true)).post(Gifts.GIFTS).then().statusCode(200)
                .body("data.createGift.id", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anUnknownSortDirectionIsRefused() {
        api().get(Gifts.GIFTS + "?sort=amount:sideways").then().statusCode(400).body("details[0].field", equalTo("sort"));
        api().get(Gifts.STAGING + "?sort=createdAt:up").then().statusCode(400);
        api().get("/api/fundraising/appeals?sort=name:sideways").then().statusCode(400);
        api().get("/api/fundraising/gift-payouts?sort=depositDate:desc:asc").then().statusCode(400);
        api().get(Gifts.GIFTS + "?sort=amount:desc").then().statusCode(200);
    }
}
