package org.fundraising.twenty;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Twenty's own list parameters, which every list route accepts and forwards as the original did: checked for
 * shape first (a malformed one is a 400 naming it, never Twenty's error), a caller's {@code filter} joined to the
 * route's own by {@code and(…)} so that it can narrow a list but never widen what the route scopes (the members
 * of this household, the snapshots of this appeal).
 */
public record NativeListParams(
        @QueryParam("filter") @Parameter(description = "Twenty filter, e.g. status[eq]:active; joined to the route's own by and(…)")
        String filter,
        @QueryParam("order_by") @Parameter(description = "Twenty order, e.g. createdAt[DescNullsLast],name.lastName[AscNullsFirst]")
        String orderBy,
        @QueryParam("depth") @Parameter(description = "0 or 1 (2 is served as 1): how deep related records are embedded")
        String depth,
        @QueryParam("starting_after") @Parameter(description = "Twenty cursor (pageInfo.endCursor) to read after")
        String startingAfter,
        @QueryParam("ending_before") @Parameter(description = "Twenty cursor (pageInfo.startCursor) to read before")
        String endingBefore) {

    private static final int MAX_FILTER = 4000;
    private static final Set<String> COMPARATORS = Set.of("eq", "neq", "in", "containsAny", "is", "gt", "gte", "lt", "lte",
            "startsWith", "endsWith", "like", "ilike");
    private static final Pattern PREDICATE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\[([A-Za-z]+)]:(.+)",
            Pattern.DOTALL);
    private static final Pattern ORDER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*"
            + "(\\[(AscNullsFirst|AscNullsLast|DescNullsFirst|DescNullsLast)])?");

    /**
     * {@code ours} with these parameters applied: the caller's filter joined to ours, the caller's order instead of
     * the route's default, the caller's depth and cursor (a cursor of ours, {@code cursor=}, wins).
     */
    public TwentyQuery applyTo(TwentyQuery ours) {
        TwentyQuery query = ours;
        String theirs = blank(filter) ? null : checkedFilter(filter.trim());
        if (theirs != null) {
            query = query.withFilter(Filters.and(ours.filter(), theirs));
        }
        if (!blank(orderBy)) {
            query = query.withOrderBy(checkedOrder(orderBy.trim()));
        }
        if (!blank(depth)) {
            query = query.withDepth(Paging.depth(depth));
        }
        boolean ownCursor = ours.startingAfter() != null || ours.endingBefore() != null;
        if (!ownCursor && !blank(startingAfter) && !blank(endingBefore)) {
            throw invalid("starting_after", "cannot be sent together with ending_before");
        }
        if (!ownCursor && !blank(startingAfter)) {
            query = query.after(Paging.checkedCursor("starting_after", startingAfter.trim()));
        } else if (!ownCursor && !blank(endingBefore)) {
            query = query.before(Paging.checkedCursor("ending_before", endingBefore.trim()));
        }
        return query;
    }

    /** A filter in Twenty's grammar: predicates {@code field[comparator]:value}, joined by commas or and/or/not. */
    static String checkedFilter(String filter) {
        if (filter.length() > MAX_FILTER) {
            throw invalid("filter", "is longer than " + MAX_FILTER + " characters");
        }
        String problem = problem(filter, 0);
        if (problem != null) {
            throw invalid("filter", problem + " (Twenty's form: field[eq]:value, and(…), or(…), not(…))");
        }
        return filter;
    }

    private static String problem(String expression, int depthSoFar) {
        if (depthSoFar > 16) {
            return "nests too deeply";
        }
        List<String> parts;
        try {
            parts = topLevelParts(expression);
        } catch (IllegalArgumentException unbalanced) {
            return unbalanced.getMessage();
        }
        for (String part : parts) {
            String trimmed = part.trim();
            int open = trimmed.indexOf('(');
            String head = open > 0 ? trimmed.substring(0, open) : "";
            if (open > 0 && trimmed.endsWith(")") && Set.of("and", "or", "not").contains(head)) {
                String inner = trimmed.substring(open + 1, trimmed.length() - 1);
                if (inner.isBlank()) {
                    return head + "(…) is empty";
                }
                if (head.equals("not") && topLevelParts(inner).size() != 1) {
                    return "not(…) takes exactly one condition";
                }
                String nested = problem(inner, depthSoFar + 1);
                if (nested != null) {
                    return nested;
                }
                continue;
            }
            var predicate = PREDICATE.matcher(trimmed);
            if (!predicate.matches()) {
                return "has a condition that is not field[comparator]:value";
            }
            if (!COMPARATORS.contains(predicate.group(2))) {
                return "uses the unknown comparator " + predicate.group(2);
            }
            boolean list = predicate.group(2).equals("in") || predicate.group(2).equals("containsAny");
            if (list && !(predicate.group(3).startsWith("[") && predicate.group(3).endsWith("]"))) {
                return predicate.group(2) + " needs a list: field[" + predicate.group(2) + "]:[a,b]";
            }
        }
        return null;
    }

    /** Splits at commas outside quotes, brackets and parentheses; refuses unbalanced ones. */
    private static List<String> topLevelParts(String expression) {
        List<String> parts = new ArrayList<>();
        int round = 0;
        int square = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> quote = c;
                case '(' -> round++;
                case ')' -> round--;
                case '[' -> square++;
                case ']' -> square--;
                case ',' -> {
                    if (round == 0 && square == 0) {
                        parts.add(expression.substring(start, i));
                        start = i + 1;
                    }
                }
                default -> { }
            }
            if (round < 0 || square < 0) {
                throw new IllegalArgumentException("closes a bracket it never opened");
            }
        }
        if (quote != 0 || round != 0 || square != 0) {
            throw new IllegalArgumentException("has an unclosed quote or bracket");
        }
        parts.add(expression.substring(start));
        return parts;
    }

    static String checkedOrder(String order) {
        for (String part : order.split(",")) {
            if (!ORDER.matcher(part.trim()).matches()) {
                throw invalid("order_by", "must be field[AscNullsFirst|AscNullsLast|DescNullsFirst|DescNullsLast], comma separated");
            }
        }
        return order;
    }

    private static ApiException invalid(String parameter, String message) {
        return ApiException.badRequest(parameter + " " + message, List.of(new FieldError(parameter, message)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
