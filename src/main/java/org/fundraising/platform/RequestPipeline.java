package org.fundraising.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Runs first on every HTTP request: request id (read, checked, minted, echoed, put in the MDC), the access event,
 * the request's start (its deadline counts from it), and JSON errors for what never reaches a resource (unknown
 * routes, oversize bodies). Who may call what is decided later, on the route that actually matched.
 */
@ApplicationScoped
public class RequestPipeline {

    /**
     * Quarkus answers a request whose URI does not parse (%zz, a cut-off escape) with an empty 400 before any route
     * runs, unless this system property is set when it starts (the jar's main sets it; so do the test runners); this
     * pipeline then makes the same check and answers with the error shape.
     */
    public static final String URI_CHECK_OFF = "vertx.disableURIValidation";
    static final String TOKEN_KEY = "fundraising.token";
    static final String STARTED_KEY = "fundraising.startedAt";
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** As Node (Twenty's server) allows: long filter query strings must fit, and no longer. */
    static final int MAX_REQUEST_LINE = 16 * 1024;

    private final ObjectMapper json;

    RequestPipeline(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(this::handle).failureHandler(this::failed);
        // A body sent without a length (chunked, or HTTP/2 without content-length) is only measured while it is
        // read: read it here, where going over the limit ends in the JSON 413 (the REST layer's own check closes
        // with an empty body, and does not run at all for HTTP/2).
        BodyHandler unmeasuredBodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.route().order(Integer.MIN_VALUE + 101).handler(ctx -> {
            HttpMethod method = ctx.request().method();
            boolean mayHaveBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
            if (mayHaveBody && ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
                unmeasuredBodies.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.errorHandler(404, ctx -> writeError(ctx, 404, HttpErrors.noRoute(ctx.request().method().name(), ctx.normalizedPath())));
        router.errorHandler(405, ctx -> writeError(ctx, 405, HttpErrors.METHOD_NOT_ALLOWED));
        router.errorHandler(413, ctx -> writeError(ctx, 413, HttpErrors.TOO_LARGE));
        // A path that does not decode fails the router's matching, which can come before this pipeline's first step.
        router.errorHandler(400, ctx -> {
            if (RequestIds.of(ctx).isEmpty()) {
                String requestId = RequestIds.mint();
                ctx.put(RequestIds.CONTEXT_KEY, requestId);
                ctx.response().putHeader(RequestIds.HEADER, requestId);
            }
            writeError(ctx, 400, validUri(ctx.request().uri()) ? HttpErrors.BAD_REQUEST : HttpErrors.BAD_PATH);
        });
    }

    private void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.put(STARTED_KEY, started);
        String requestId = RequestIds.choose(ctx.request().headers().getAll(RequestIds.HEADER));
        boolean badId = requestId == null;
        if (badId) {
            requestId = RequestIds.mint();
        }
        ctx.put(RequestIds.CONTEXT_KEY, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        String loggedId = requestId;
        ctx.addEndHandler(done -> LogEvent.of(RequestPipeline.class, "http_request")
                .with(RequestIds.MDC_KEY, loggedId)
                .with("method", method)
                .with("path", path)
                .with("status", ctx.response().getStatusCode())
                .with("durationMs", (System.nanoTime() - started) / 1_000_000)
                .info(method + " " + path + " " + ctx.response().getStatusCode()));

        if (badId) {
            writeError(ctx, 400, RequestIds.HEADER + " must be 1 to " + RequestIds.MAX_LENGTH
                    + " printable ASCII characters (letters, digits, punctuation; no spaces)");
            return;
        }
        if (!validUri(ctx.request().uri())) {
            writeError(ctx, 400, HttpErrors.BAD_PATH);
            return;
        }
        if (ctx.request().uri().length() > MAX_REQUEST_LINE) {
            // The HTTP codec's own limit is set higher, so that this answer carries the error shape.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            writeError(ctx, 414, HttpErrors.LINE_TOO_LONG);
            return;
        }
        if (declaredLength(ctx) > MAX_BODY_BYTES) {
            // Answered here so the client gets the JSON error; Quarkus' own limit check would close with no body.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            writeError(ctx, 413, HttpErrors.TOO_LARGE);
            return;
        }
        ctx.next();
    }

    /** A status failed without an exception (the chunked body limit, say) gets the error shape, not an empty body. */
    private void failed(RoutingContext ctx) {
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            writeError(ctx, 413, HttpErrors.TOO_LARGE);
        } else {
            ctx.next();
        }
    }

    private static boolean validUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The token the caller presented and the authentication filter accepted; null on open routes. */
    public static String tokenOf(RoutingContext ctx) {
        return ctx == null ? null : ctx.get(TOKEN_KEY);
    }

    /** Called by the authentication filter once the caller's token may be used for calls on its behalf. */
    public static void authenticated(RoutingContext ctx, String token) {
        ctx.put(TOKEN_KEY, token);
    }

    /** When the request arrived ({@link System#nanoTime()}); now for anything that is not an HTTP request. */
    public static long startedAt(RoutingContext ctx) {
        Long started = ctx == null ? null : ctx.get(STARTED_KEY);
        return started == null ? System.nanoTime() : started;
    }

    private void writeError(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            byte[] body = json.writeValueAsBytes(ApiError.of(status, message, List.of(), RequestIds.of(ctx)));
            ctx.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
