package org.fundraising.staging;

import org.fundraising.platform.Vocabulary;

import java.util.Set;

/** The staging vocabularies; a value outside them is a 400, never stored. */
public final class StagingStatuses {

    /** Where a row is on its way to a gift. */
    public enum Processing { PENDING, READY_FOR_PROCESS, PROCESSING, PROCESSED, PROCESS_FAILED }

    /** Whether the row's fields passed the gift rules. */
    public enum Validation { PENDING, PASSED, FAILED }

    /** What is known about the row's donor (and a possible repeat of its gift). */
    public enum Dedupe { PENDING, MATCHED_EXISTING, NEEDS_REVIEW, PASSED }

    public static final String PENDING = Vocabulary.wire(Processing.PENDING);
    public static final String READY = Vocabulary.wire(Processing.READY_FOR_PROCESS);
    public static final String PROCESSING = Vocabulary.wire(Processing.PROCESSING);
    public static final String PROCESSED = Vocabulary.wire(Processing.PROCESSED);
    public static final String FAILED = Vocabulary.wire(Processing.PROCESS_FAILED);

    public static final Set<String> PROCESSING_STATUSES = Vocabulary.of(Processing.class);
    public static final Set<String> VALIDATION_STATUSES = Vocabulary.of(Validation.class);
    public static final Set<String> DEDUPE_STATUSES = Vocabulary.of(Dedupe.class);

    public static final String MATCHED_EXISTING = Vocabulary.wire(Dedupe.MATCHED_EXISTING);
    public static final String NEEDS_REVIEW = Vocabulary.wire(Dedupe.NEEDS_REVIEW);
    public static final String PASSED = Vocabulary.wire(Dedupe.PASSED);

    private StagingStatuses() {
    }
}
