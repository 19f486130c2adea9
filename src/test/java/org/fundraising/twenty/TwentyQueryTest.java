package org.fundraising.twenty;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only Twenty's native parameters leave the service, and depth is always explicit (releases disagree on it). */
class TwentyQueryTest {

    @Test
    void buildsTwentysNativeParameters() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("filter", "giftBatchId[eq]:b1,processingStatus[in]:[pending,ready_for_process]");
        expected.put("order_by", "createdAt[DescNullsLast]");
        expected.put("limit", "25");
        expected.put("depth", "1");
        expected.put("starting_after", "cursor-1");
        assertEquals(expected, TwentyQuery.all()
                .withFilter("giftBatchId[eq]:b1,processingStatus[in]:[pending,ready_for_process]")
                .withOrderBy("createdAt[DescNullsLast]")
                .withLimit(25)
                .withDepth(1)
                .after("cursor-1")
                .toParams());
    }

    @Test
    void limitsAreCappedAtTheReadAllPageAndCursorsExcludeEachOther() {
        assertEquals("200", TwentyQuery.all().withLimit(500).toParams().get("limit"));
        assertEquals(Map.of("depth", "0", "ending_before", "c"), TwentyQuery.all().after("a").before("c").toParams());
        assertEquals(Map.of("depth", "0"), TwentyQuery.all().withFilter("").toParams());
    }
}
