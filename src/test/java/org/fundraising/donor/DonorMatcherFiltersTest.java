package org.fundraising.donor;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DonorMatcherFiltersTest {

    @Test
    void oneIdentityIsOneFilterOnNamesAndBothKindsOfEmail() {
        List<String> filters = DonorMatcher.lookupFilters(List.of(new DonorIdentity("Ada", "Lovelace", "Ada@Example.org")));
        assertEquals(List.of("or(and(name.firstName[ilike]:\"Ada\",name.lastName[ilike]:\"Lovelace\"),"
                + "emails.primaryEmail[ilike]:\"ada@example.org\",emails.additionalEmails[containsAny]:[\"ada@example.org\"])"), filters);
        assertEquals(List.of("or(and(name.firstName[ilike]:\"Ada\",name.lastName[ilike]:\"Lovelace\"))"),
                DonorMatcher.lookupFilters(List.of(new DonorIdentity("Ada", "Lovelace", null))).stream()
                        .map(f -> f.startsWith("or(") ? f : "or(" + f + ")").toList());
    }

    @Test
    void sixtyIdentitiesAreSplitSoThatEveryFilterFitsARequestLine() {
        List<DonorIdentity> identities = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            identities.add(new DonorIdentity("Firstname" + i, "Lastname" + i, "a.long.mailbox." + i + "@a-charity-domain.example.org"));
        }
        List<String> filters = DonorMatcher.lookupFilters(identities);
        assertTrue(filters.size() > 1 && filters.size() <= 4, "60 identities take a few calls, not 60: " + filters.size());
        filters.forEach(filter -> assertTrue(URLEncoder.encode(filter, StandardCharsets.UTF_8).length() <= DonorMatcher.MAX_ENCODED_FILTER));
        assertEquals(60, filters.stream().mapToInt(f -> f.split("name\\.firstName\\[ilike]").length - 1).sum(),
                "every identity is asked once");
    }
}
