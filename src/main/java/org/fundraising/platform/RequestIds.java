package org.fundraising.platform;

import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.UUID;

/** The request id of an HTTP request: the caller's {@code x-request-id} when it sent one, else a fresh UUID. */
public final class RequestIds {

    public static final String HEADER = "x-request-id";
    public static final String MDC_KEY = "requestId";
    static final String CONTEXT_KEY = "fundraising.requestId";
    static final int MAX_LENGTH = 200;

    private RequestIds() {
    }

    /**
     * The caller's id, trimmed, when it is 1 to 200 printable ASCII characters; a fresh UUID when it sent none;
     * null when what it sent cannot be kept exactly (too long, spaces, non-ASCII: headers carry bytes, not text).
     */
    static String choose(List<String> headerValues) {
        for (String value : headerValues) {
            if (value != null && !value.isBlank()) {
                String trimmed = value.trim();
                return trimmed.length() <= MAX_LENGTH && trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? trimmed : null;
            }
        }
        return mint();
    }

    static String mint() {
        return UUID.randomUUID().toString();
    }

    public static String of(RoutingContext context) {
        String id = context == null ? null : context.get(CONTEXT_KEY);
        return id == null ? "" : id;
    }
}
