package org.fundraising.platform;

import java.util.List;
import java.util.regex.Pattern;

/** Twenty ids are UUIDs; a route checks them before spending a Twenty call on a value that cannot match. */
public final class Ids {

    private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    /** The id, or a 400 naming the field. */
    public static String requireUuid(String field, String value) {
        if (!isUuid(value)) {
            throw ApiException.badRequest(field + " must be a UUID", List.of(new FieldError(field, "must be a UUID")));
        }
        return value;
    }
}
