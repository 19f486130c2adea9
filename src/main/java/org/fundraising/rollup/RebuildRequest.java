package org.fundraising.rollup;

import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A rebuild's start: {@code scope} names the kinds of records to rebuild (person, household, company, appeal,
 * opportunity; unset: all); {@code dryRun: true} reads and compares everything, writes nothing, and reports how many
 * records would change and what the real rebuild costs in Twenty calls. An empty body rebuilds everything.
 */
public record RebuildRequest(@Size(min = 1, message = "names at least one kind, or is left out for all") List<ParentKind> scope,
                             Boolean dryRun) {

    static final RebuildRequest EVERYTHING = new RebuildRequest(null, false);

    List<ParentKind> kinds() {
        return scope == null ? List.of(ParentKind.values()) : scope.stream().distinct().sorted().toList();
    }

    boolean planOnly() {
        return Boolean.TRUE.equals(dryRun);
    }
}
