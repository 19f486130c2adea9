package org.fundraising.staging;

import java.util.Set;

/** The staging vocabularies; a value outside them is a 400, never stored. */
public final class StagingStatuses {

    public static final String PENDING = "pending";
    public static final String READY = "ready_for_process";
    public static final String PROCESSING = "processing";
    public static final String PROCESSED = "processed";
    public static final String FAILED = "process_failed";

    public static final Set<String> PROCESSING_STATUSES = Set.of(PENDING, READY, PROCESSING, PROCESSED, FAILED);
    public static final Set<String> VALIDATION_STATUSES = Set.of("pending", "passed", "failed");
    public static final Set<String> DEDUPE_STATUSES = Set.of("pending", "matched_existing", "needs_review", "passed");

    public static final String MATCHED_EXISTING = "matched_existing";
    public static final String NEEDS_REVIEW = "needs_review";
    public static final String PASSED = "passed";

    private StagingStatuses() {
    }
}
