package org.fundraising.batch;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of run a gift batch has; at most one of each is active per batch. */
public enum RunType {
    PROCESS_BATCH("process-batch"), DONOR_MATCH("donor-match"), CREATE_DONORS("create-donors"), IMPORT("import");

    private final String label;

    RunType(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
