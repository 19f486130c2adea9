package org.fundraising.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request body read by an {@link InputSchema}: {@code fields} the typed record (a field left out is
 * {@code null}), {@code sent} the fields the caller sent, checked and normalised under the names Twenty knows
 * them by, a {@code null} among them meaning "clear it" — what an update writes, and nothing else.
 */
public record Body<R extends Record>(R fields, ObjectNode sent) {
}
