package org.fundraising.platform;

import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.UUID;

/** The request id of an HTTP request: the caller's {@code x-request-id} when it sent one, else a fresh UUID. */
public final class RequestIds {

    public static final String HEADER = "x-request-id";
    public static final String MDC_KEY = "requestId";
    static final String CONTEXT_KEY = "fundraising.requestId";

    private RequestIds() {
    }

    static String choose(List<String> headerValues) {
        for (String value : headerValues) {
            if (value != null && !value.isBlank()) {
                String trimmed = value.trim();
                return trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed;
            }
        }
        return UUID.randomUUID().toString();
    }

    public static String of(RoutingContext context) {
        String id = context == null ? null : context.get(CONTEXT_KEY);
        return id == null ? "" : id;
    }
}
