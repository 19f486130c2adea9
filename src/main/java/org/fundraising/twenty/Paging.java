package org.fundraising.twenty;

import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.SafeText;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Our list parameters ({@code limit}, {@code cursor}, CSV multi-values) turned into Twenty's native ones. */
public final class Paging {

    private Paging() {
    }

    /** A query of at most {@code limit} records (capped at Twenty's 60) after {@code cursor}. */
    public static TwentyQuery query(String limit, String cursor, int defaultLimit) {
        int size = defaultLimit;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1) {
                throw ApiException.badRequest("limit must be a whole number from 1 to " + TwentyQuery.MAX_LIMIT,
                        List.of(new FieldError("limit", "must be a whole number from 1 to " + TwentyQuery.MAX_LIMIT)));
            }
        }
        TwentyQuery query = TwentyQuery.all().withLimit(Math.min(size, TwentyQuery.MAX_LIMIT));
        return cursor == null || cursor.isBlank() ? query : query.after(checkedCursor("cursor", cursor.trim()));
    }

    /**
     * Cursors are opaque base64 text handed out in {@code meta.nextCursor} (Twenty's {@code pageInfo} cursors);
     * anything else is refused, not echoed.
     */
    public static String checkedCursor(String parameter, String cursor) {
        if (!CURSOR.matcher(cursor).matches()) {
            throw ApiException.badRequest(parameter + " is not a cursor this service handed out (use meta.nextCursor of "
                    + "the previous page, or leave it out to start again)", List.of(new FieldError(parameter, "is not a valid cursor")));
        }
        return cursor;
    }

    /** {@code depth}: 0 when absent; current Twenty allows 0 or 1, so the original's 2 is served as 1. */
    public static int depth(String depth) {
        if (depth == null || depth.isBlank()) {
            return 0;
        }
        return switch (depth.trim()) {
            case "0" -> 0;
            case "1", "2" -> 1;
            default -> throw ApiException.badRequest("depth must be 0, 1 or 2", List.of(new FieldError("depth", "must be 0, 1 or 2")));
        };
    }

    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9+/=_.:-]{1,512}");

    /** {@code a,b} or repeated parameters (of one or several names), trimmed, without blanks or repeats. */
    @SafeVarargs
    public static Set<String> values(List<String>... raws) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> raw : raws) {
            if (raw != null) {
                raw.forEach(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add));
            }
        }
        return out;
    }

    /** Values checked against a vocabulary: an unknown one is a 400, never an empty result. */
    @SafeVarargs
    public static Set<String> checkedValues(String parameter, Set<String> vocabulary, List<String>... raws) {
        Set<String> values = values(raws);
        for (String value : values) {
            if (!vocabulary.contains(value)) {
                throw ApiException.badRequest(parameter + " has an unknown value '" + value + "'", List.of(new FieldError(parameter,
                        "must be among " + String.join(", ", vocabulary.stream().sorted().toList()))));
            }
        }
        return values;
    }

    /**
     * {@code field:asc|desc} (our {@code sort}) as Twenty's {@code order_by}, for the fields in {@code sortable}
     * (our name → Twenty's path); no sort gives {@code defaultOrder}, an unknown field a 400.
     */
    public static String orderBy(String sort, Map<String, String> sortable, String defaultOrder) {
        if (sort == null || sort.isBlank()) {
            return defaultOrder;
        }
        String[] parts = sort.trim().split(":", -1);
        String field = sortable.get(parts[0].trim());
        if (field == null) {
            throw ApiException.badRequest("sort must be one of " + String.join(", ", sortable.keySet().stream().sorted().toList())
                    + " with :asc or :desc", List.of(new FieldError("sort", "unknown field " + SafeText.echo(parts[0], 40))));
        }
        return field + (ascending(parts) ? "[AscNullsFirst]" : "[DescNullsLast]");
    }

    /** The direction of {@code field[:asc|:desc]}; anything else after the field is a 400, never a silent default. */
    public static boolean ascending(String[] sortParts) {
        String direction = sortParts.length > 1 ? sortParts[1].trim().toLowerCase(Locale.ROOT) : "";
        if (sortParts.length > 2 || !(direction.isEmpty() || direction.equals("asc") || direction.equals("desc"))) {
            throw ApiException.badRequest("sort direction must be asc or desc, as in sort=createdAt:desc",
                    List.of(new FieldError("sort", "direction must be asc or desc")));
        }
        return direction.equals("asc");
    }
}
