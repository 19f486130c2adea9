package org.fundraising.twenty;

import org.fundraising.platform.ApiException;
import org.fundraising.platform.SafeText;

import java.time.Duration;
import java.util.List;

/**
 * A Twenty call that did not succeed after the retry policy, already carrying the status our caller gets:
 * missing → 404, rate limited or unreachable → 503 with Retry-After, Twenty 5xx → 502, Twenty's validation
 * messages → 400/422, rejected credentials → Twenty's 401/403.
 */
public class TwentyException extends ApiException {

    public enum Kind { NOT_FOUND, RATE_LIMITED, UNAVAILABLE, UPSTREAM_ERROR, AUTH, REJECTED, NOT_CONFIGURED, INVALID_RESPONSE, OVERLOADED, CIRCUIT_OPEN }

    private final Kind kind;
    private final List<String> messages;

    private TwentyException(Kind kind, int status, String message, List<String> messages, Duration retryAfter) {
        super(status, message, messages, retryAfter);
        this.kind = kind;
        this.messages = messages;
    }

    static TwentyException fromStatus(int twentyStatus, List<String> messages) {
        // Twenty's messages can quote what was sent: passed on trimmed, with control characters replaced.
        messages = messages.stream().map(m -> SafeText.echo(m, 300)).toList();
        String first = messages.isEmpty() ? "Twenty answered " + twentyStatus : messages.get(0);
        if (twentyStatus == 404 || (twentyStatus == 400 && first.toLowerCase().contains("record not found"))) {
            return new TwentyException(Kind.NOT_FOUND, 404, "Record not found", messages, null);
        }
        if (twentyStatus == 401 || twentyStatus == 403) {
            return new TwentyException(Kind.AUTH, twentyStatus, "Twenty rejected the credentials: " + first, messages,
                    null);
        }
        if (twentyStatus >= 500) {
            return new TwentyException(Kind.UPSTREAM_ERROR, 502, "Twenty API error (" + twentyStatus + "): " + first,
                    messages, null);
        }
        int status = twentyStatus == 409 || twentyStatus == 422 ? 422 : 400;
        return new TwentyException(Kind.REJECTED, status, first, messages, null);
    }

    static TwentyException rateLimited(Duration retryAfter) {
        return new TwentyException(Kind.RATE_LIMITED, 503, "Twenty API rate limited", List.of(), retryAfter);
    }

    /** The gate would make the caller wait past its deadline: shed at once rather than hold the request. */
    static TwentyException overloaded(Duration wait) {
        long seconds = wholeSeconds(wait);
        return new TwentyException(Kind.OVERLOADED, 503, "Twenty's shared rate budget is busy: this request would wait about "
                + seconds + " s for its turn; try again then", List.of(), Duration.ofSeconds(seconds));
    }

    /** Twenty is down (the circuit is open): a person is told at once rather than made to wait out time-outs. */
    static TwentyException circuitOpen(Duration retryAfter) {
        long seconds = wholeSeconds(retryAfter);
        return new TwentyException(Kind.CIRCUIT_OPEN, 503, "Twenty is not answering (repeated errors or time-outs); try again in "
                + seconds + " s", List.of(), Duration.ofSeconds(seconds));
    }

    static TwentyException unavailable(String reason) {
        return new TwentyException(Kind.UNAVAILABLE, 503, "Twenty API unavailable: " + reason, List.of(),
                Duration.ofSeconds(5));
    }

    static TwentyException notConfigured() {
        return new TwentyException(Kind.NOT_CONFIGURED, 503, "TWENTY_API_KEY not configured", List.of(), null);
    }

    static TwentyException invalidResponse(String what) {
        return new TwentyException(Kind.INVALID_RESPONSE, 502, "Unexpected Twenty response: " + what, List.of(), null);
    }

    static TwentyException rememberedRejection(int twentyStatus) {
        return new TwentyException(Kind.AUTH, twentyStatus, "Twenty rejected the credentials",
                List.of("Forbidden resource"), null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNotFound() {
        return kind == Kind.NOT_FOUND;
    }

    /** Twenty's answer to creating an object or field a workspace already has. */
    public boolean isExistingMetadata() {
        return kind == Kind.REJECTED && (getMessage() + messages).toLowerCase().matches("(?s).*(already exists|is not available).*");
    }

    /** A release that does not take the {@code fields} parameter of list reads (or not the names sent in it). */
    public boolean isFieldsRefused() {
        return kind == Kind.REJECTED && (getMessage() + messages).contains("'fields'");
    }

    /** Twenty could not answer now (down, erring, throttled, or the circuit open): the same call may well work later. */
    public static boolean isTransient(Throwable failure) {
        return failure instanceof TwentyException twenty && switch (twenty.kind) {
            case RATE_LIMITED, UNAVAILABLE, UPSTREAM_ERROR, CIRCUIT_OPEN, OVERLOADED -> true;
            default -> false;
        };
    }

    public boolean isDuplicateEntry() {
        return kind == Kind.REJECTED && messages.stream().anyMatch(m -> m.toLowerCase().contains("duplicate entry"));
    }
}
