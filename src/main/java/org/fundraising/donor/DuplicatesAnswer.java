package org.fundraising.donor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * {@code POST /people/duplicates}: Twenty's own answer ({@code data:[{personDuplicates, totalCount}]}), as the
 * original passed it on, plus {@code meta.match}, the matcher's verdict on those candidates.
 */
@RegisterForReflection
public record DuplicatesAnswer(List<Found> data, Meta meta) {

    static DuplicatesAnswer of(List<ObjectNode> candidates, DonorMatch verdict) {
        return new DuplicatesAnswer(List.of(new Found(candidates, candidates.size())), new Meta(verdict));
    }

    @RegisterForReflection
    public record Found(List<ObjectNode> personDuplicates, int totalCount) {
    }

    @RegisterForReflection
    public record Meta(DonorMatch match) {
    }
}
