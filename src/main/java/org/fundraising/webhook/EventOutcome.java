package org.fundraising.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Vocabulary;

import java.time.Instant;
import java.util.Locale;

/**
 * What became of one accepted event: {@code status} says it in one word, {@code detail} in a sentence, and
 * {@code stagingId}/{@code giftId} point at what it wrote. {@code entryId} is the inbox entry (the id a replay
 * takes while the event is parked).
 */
@RegisterForReflection
public record EventOutcome(String entryId, Provider provider, String eventId, String type, Status status, String detail,
                           String stagingId, String giftId, int attempts, Instant receivedAt, Instant at) {

    /** The words of {@link #status}. */
    public enum Status {
        /** Waiting in the inbox (or being retried). */
        QUEUED,
        /** Its gift is in Twenty. */
        PROCESSED,
        /** Staged for a person: no usable donor, several possible donors, or not paid yet. */
        STAGED_FOR_REVIEW,
        /** Its gift was refused by Twenty; the staging row says why. */
        PROCESS_FAILED,
        /** A type this service does not act on, acknowledged and kept for the record. */
        IGNORED,
        /** Its payment was posted already, by an earlier event. */
        DUPLICATE,
        /** Kept failing, or cannot be read: waits for a person to look and replay it. */
        PARKED;

        @JsonValue
        public String wire() {
            return Vocabulary.wire(this);
        }

        @JsonCreator
        static Status of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }
}
