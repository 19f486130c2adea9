package org.fundraising.payout;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.fundraising.platform.Ids;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code {giftIds:[…]}}: the gifts to link to or unlink from a payout. A payout deposit rarely holds more than a few
 * thousand gifts, so 10,000 ids is the most one request may name (167 Twenty calls at 60 a call).
 */
public record GiftIdsRequest(
        @NotNull(message = "is required")
        @Size(min = 1, max = GiftIdsRequest.MAX_IDS, message = "must hold 1 to " + GiftIdsRequest.MAX_IDS + " gift ids")
        List<@NotNull(message = "must be a UUID") @Pattern(regexp = Ids.UUID_REGEX, message = "must be a UUID") String> giftIds) {

    static final int MAX_IDS = 10_000;

    /** Each id once, in the order given, lower-cased as Twenty writes ids. */
    List<String> distinct() {
        Set<String> unique = new LinkedHashSet<>();
        giftIds.forEach(id -> unique.add(id.toLowerCase(Locale.ROOT)));
        return List.copyOf(unique);
    }
}
