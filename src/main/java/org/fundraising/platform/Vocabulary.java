package org.fundraising.platform;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A vocabulary declared as an enum and written on the wire, and in Twenty, as its lower-case name
 * ({@code READY_FOR_PROCESS} → {@code ready_for_process}): the original's clients filter on those values, so the
 * enum is the one declaration and the text is derived from it.
 */
public final class Vocabulary {

    private Vocabulary() {
    }

    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Every value's wire text, in declaration order. */
    public static <E extends Enum<E>> Set<String> of(Class<E> vocabulary) {
        Set<String> values = Arrays.stream(vocabulary.getEnumConstants()).map(Vocabulary::wire)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Collections.unmodifiableSet(values);
    }
}
