package org.fundraising.rollup;

/** One record whose totals a gift is part of: a person, company, household, appeal or opportunity. */
record ParentRef(ParentKind kind, String id) {

    /** {@code person:<id>}, as parents wait in the recompute queue. */
    String line() {
        return kind.label() + ":" + id;
    }

    static ParentRef fromLine(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a parent: " + line);
        }
        return new ParentRef(ParentKind.fromLabel(line.substring(0, colon)), line.substring(colon + 1));
    }
}
