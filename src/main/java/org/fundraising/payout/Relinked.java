package org.fundraising.payout;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What a link or unlink of gifts did: the gifts it moved, and the ids Twenty has no such gift for. */
final class Relinked {

    private Relinked() {
    }

    @RegisterForReflection
    public record Linked(List<String> linkedGiftIds, List<String> unknownGiftIds) {
    }

    @RegisterForReflection
    public record Unlinked(List<String> unlinkedGiftIds, List<String> unknownGiftIds) {
    }
}
