package org.fundraising.twenty;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A created record, or the one that already had the client-generated id (a replayed create). */
public record CreateResult(ObjectNode record, boolean alreadyExisted) {
}
