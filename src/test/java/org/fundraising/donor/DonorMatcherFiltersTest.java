package org.fundraising.donor;

import org.fundraising.twenty.TwentyQuery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DonorMatcherFiltersTest {

    @Test
    void oneIdentityIsOneFilterOnNamesAndBothKindsOfEmail() {
        // Twenty 2.21 refuses containsAny on additional emails (a JSON field): like on its text, as recorded.
        assertEquals(Optional.of("or(and(name.firstName[ilike]:Ada,name.lastName[ilike]:Lovelace),"
                        + "emails.primaryEmail[ilike]:ada@example.org,emails.additionalEmails[like]:%ada@example.org%)"),
                DonorMatcher.singleLookup(List.of(new DonorIdentity("Ada", "Lovelace", "Ada@Example.org"))));
        assertEquals(Optional.of("and(name.firstName[ilike]:\"Ada Mary\",name.lastName[ilike]:Lovelace)"),
                DonorMatcher.singleLookup(List.of(new DonorIdentity("Ada Mary", "Lovelace", null))), "a space is quoted");
        assertEquals(Optional.of("and(name.firstName[ilike]:Ada,name.lastName[ilike]:Lovelace)"),
                DonorMatcher.singleLookup(List.of(new DonorIdentity("Ada", "Lovelace", null))));
        assertEquals(1, DonorMatcher.lookupCalls(List.of(new DonorIdentity("Ada", "Lovelace", "ada@example.org"))));
    }

    @Test
    void sixtyIdentitiesTakeOneCallByEmailAndOneByNameEachFittingARequestLine() {
        List<DonorIdentity> identities = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            identities.add(new DonorIdentity("Firstname" + i, "Lastname" + i, "donor" + (540 + i) + "@example.org"));
        }
        assertEquals(Optional.empty(), DonorMatcher.singleLookup(identities), "60 identities do not fit one request line");
        List<String> byEmail = DonorMatcher.emailFilters(identities);
        List<String> byName = DonorMatcher.nameFilters(identities);
        assertEquals(1, byEmail.size(), "one lookup by email for 60 emails of 20 characters");
        assertEquals(1, byName.size(), "one lookup by name for 60 usual identities");
        assertEquals(2, DonorMatcher.lookupCalls(identities));
        assertEquals(60, byEmail.get(0).split("emails\\.primaryEmail\\[ilike]").length - 1, "every email is asked once");
        assertEquals(60, byEmail.get(0).split("emails\\.additionalEmails\\[like]").length - 1, "and once as additional");
        assertEquals(60, byName.get(0).split("name\\.firstName\\[ilike]").length - 1, "every name is asked once");
        byEmail.forEach(filter -> assertTrue(TwentyQuery.encoded(filter).length() <= DonorMatcher.MAX_ENCODED_FILTER));
    }

    @Test
    void sixtyLongerEmailsTakeTwoLookupsSinceEachIsAskedTwice() {
        List<DonorIdentity> identities = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            identities.add(new DonorIdentity("Firstname" + i, "Lastname" + i, "mailbox." + i + "@a-charity.example.org"));
        }
        List<String> byEmail = DonorMatcher.emailFilters(identities);
        assertEquals(2, byEmail.size(), "60 emails of about 30 characters: two lookups");
        byEmail.forEach(filter -> assertTrue(TwentyQuery.encoded(filter).length() <= DonorMatcher.MAX_ENCODED_FILTER));
        assertEquals(60, byEmail.stream().mapToInt(f -> f.split("emails\\.additionalEmails\\[like]").length - 1).sum());
    }

    @Test
    void longIdentitiesAreSplitSoThatEveryFilterFitsARequestLine() {
        List<DonorIdentity> identities = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            identities.add(new DonorIdentity("Maximiliana-Josephine" + i, "Featherstonehaugh-Cholmondeley" + i,
                    "a.very.long.mailbox.name." + i + "@a-long-charity-domain-name.example.org"));
        }
        List<String> filters = new ArrayList<>(DonorMatcher.emailFilters(identities));
        filters.addAll(DonorMatcher.nameFilters(identities));
        assertTrue(filters.size() > 2 && filters.size() <= 6, "long identities take a few calls, not 60: " + filters.size());
        filters.forEach(filter -> assertTrue(TwentyQuery.encoded(filter).length() <= DonorMatcher.MAX_ENCODED_FILTER));
        assertEquals(60, filters.stream().mapToInt(f -> f.split("name\\.firstName\\[ilike]").length - 1).sum(),
                "every name is asked once");
        assertEquals(60, filters.stream().mapToInt(f -> f.split("emails\\.primaryEmail\\[ilike]").length - 1).sum(),
                "every email is asked once");
    }

    @Test
    void identitiesSharingANameInAnyCaseOrAnEmailAreAskedOnce() {
        List<DonorIdentity> identities = List.of(new DonorIdentity("Ada", "Lovelace", "Ada@Example.org"),
                new DonorIdentity("ADA", "lovelace", "ada@example.org"));
        assertEquals(1, DonorMatcher.singleLookup(identities).orElseThrow().split("name\\.firstName").length - 1);
        assertEquals(1, DonorMatcher.singleLookup(identities).orElseThrow().split("primaryEmail").length - 1);
    }
}
