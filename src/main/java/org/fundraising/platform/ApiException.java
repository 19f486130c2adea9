package org.fundraising.platform;

import java.time.Duration;
import java.util.List;

/** An outcome the caller must be told about, with the status and message it gets. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<?> details;
    private final Duration retryAfter;

    public ApiException(int status, String message) {
        this(status, message, List.of(), null);
    }

    public ApiException(int status, String message, List<?> details, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.details = details == null ? List.of() : details;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String message, List<?> details) {
        return new ApiException(400, message, details, null);
    }

    /** A 400 listing every bad field, its message the fields and reasons in order. */
    public static ApiException invalid(List<FieldError> errors) {
        String message = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return badRequest(message, errors);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** A wait as whole seconds for {@code Retry-After}: rounded up, at least 1. */
    public static long wholeSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public int status() {
        return status;
    }

    public List<?> details() {
        return details;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
