package org.fundraising.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.fundraising.platform.Vocabulary;

import java.util.Locale;

/** Who sent an event; written in lower case, as a gift's {@code provider} is. */
public enum Provider {
    STRIPE, GOCARDLESS;

    @JsonValue
    public String wire() {
        return Vocabulary.wire(this);
    }

    @JsonCreator
    static Provider of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
