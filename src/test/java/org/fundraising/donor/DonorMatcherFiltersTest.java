package org.fundraising.donor;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DonorMatcherFiltersTest {

    @Test
    void sixtyOrdinaryEmailsFitOneFilterAndLongOnesAreSplit() {
        Set<String> ordinary = new LinkedHashSet<>();
        for (int i = 0; i < 60; i++) {
            ordinary.add("donor" + i + "@example.org");
        }
        assertEquals(1, DonorMatcher.emailFilters(ordinary).size());

        Set<String> long_ = new LinkedHashSet<>();
        for (int i = 0; i < 60; i++) {
            long_.add("a.very.long.mailbox.name.for.testing." + i + "@a-rather-long-charity-domain.example.org");
        }
        List<String> filters = DonorMatcher.emailFilters(long_);
        assertTrue(filters.size() > 1);
        filters.forEach(filter -> assertTrue(URLEncoder.encode(filter, StandardCharsets.UTF_8).length() <= DonorMatcher.MAX_ENCODED_FILTER));
        assertEquals(60, filters.stream().mapToInt(f -> f.split("\\[ilike]").length - 1).sum(), "every email is asked once");
    }
}
