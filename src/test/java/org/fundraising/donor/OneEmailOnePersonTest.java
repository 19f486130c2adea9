package org.fundraising.donor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.person;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A gift for someone else under a spelling of an existing donor's email never creates a second person with that
 * mailbox: each variant is either the same address (a 409 naming the donor, as the exact email is) or not an
 * address at all (a 400 naming the field). Nothing is written either way.
 */
@QuarkusTest
class OneEmailOnePersonTest {

    @BeforeEach
    void adaIsADonor() {
        EmulatorControl.reset();
        person("Ada", "Lovelace", "ada@example.org", List.of());
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("exact", "ada@example.org", 409),
                Arguments.of("upper case", "ADA@Example.ORG", 409),
                Arguments.of("spaces and tabs around", " \tada@example.org\t ", 409),
                Arguments.of("a full-width letter", "\uFF41da@example.org", 409),
                Arguments.of("a trailing dot on the domain", "ada@example.org.", 409),
                Arguments.of("a zero-width space inside", "ada\u200B@example.org", 400),
                Arguments.of("a soft hyphen inside", "a\u00ADda@example.org", 400),
                Arguments.of("angle brackets", "<ada@example.org>", 400),
                Arguments.of("a mailto: link", "mailto:ada@example.org", 400),
                Arguments.of("a quoted local part", "\"ada\"@example.org", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aVariantOfADonorsEmailIsTheSameMailboxOrRefused(String variant, String email, int status) {
        Response answer = api().body(gift(contact("Augusta", "King", email), true)).post(GIFTS);
        answer.then().statusCode(status);
        if (status == 409) {
            assertEquals("donor_email_conflict", answer.jsonPath().getString("details[0].code"), answer.asString());
        } else {
            assertEquals("contact.email", answer.jsonPath().getString("details[0].field"), answer.asString());
        }
        assertEquals(1, EmulatorControl.records("people"), variant + ": a second person was made");
        assertEquals(0, EmulatorControl.records("gifts") + EmulatorControl.records("giftStagings"), variant + ": written");
    }
}
