package org.fundraising.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.List;

/**
 * Runs first on every HTTP request: request id (read, minted, echoed, put in the MDC), the access event, the
 * bearer-token check on {@code /api/fundraising/*}, and JSON errors for what never reaches a resource
 * (unknown routes, oversize bodies).
 */
@ApplicationScoped
public class RequestPipeline {

    static final String API_PREFIX = "/api/fundraising";
    static final String TOKEN_KEY = "fundraising.token";
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    private final ObjectMapper json;
    private final FundraisingConfig config;

    RequestPipeline(ObjectMapper json, FundraisingConfig config) {
        this.json = json;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(this::handle);
        router.errorHandler(404, ctx -> writeError(ctx, 404, "No route for " + ctx.request().method() + " " + ctx.normalizedPath()));
        router.errorHandler(405, ctx -> writeError(ctx, 405, "Method not allowed"));
        router.errorHandler(413, ctx -> writeError(ctx, 413, "Request body is larger than the 10 MiB limit"));
    }

    private void handle(RoutingContext ctx) {
        String requestId = RequestIds.choose(ctx.request().headers().getAll(RequestIds.HEADER));
        ctx.put(RequestIds.CONTEXT_KEY, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        long started = System.nanoTime();
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        ctx.addEndHandler(done -> LogEvent.of(RequestPipeline.class, "http_request")
                .with(RequestIds.MDC_KEY, requestId)
                .with("method", method)
                .with("path", path)
                .with("status", ctx.response().getStatusCode())
                .with("durationMs", (System.nanoTime() - started) / 1_000_000)
                .info(method + " " + path + " " + ctx.response().getStatusCode()));

        if (declaredLength(ctx) > MAX_BODY_BYTES) {
            // Answered here so the client gets the JSON error; Quarkus' own limit check would close with no body.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            writeError(ctx, 413, "Request body is larger than the 10 MiB limit");
            return;
        }
        if (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/")) {
            if (config.emulatorOnly()) {
                writeError(ctx, 404, "This instance runs only the Twenty emulator");
                return;
            }
            if (needsToken(ctx.request().method(), path)) {
                String token = BearerTokens.from(ctx.request().getHeader(HttpHeaders.AUTHORIZATION),
                        ctx.queryParam("token"));
                if (token == null) {
                    writeError(ctx, 401, "Missing authentication token");
                    return;
                }
                ctx.put(TOKEN_KEY, token);
            }
        }
        ctx.next();
    }

    private static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The token the caller presented, for calls to Twenty made on its behalf; null on open routes. */
    public static String tokenOf(RoutingContext ctx) {
        return ctx == null ? null : ctx.get(TOKEN_KEY);
    }

    private static boolean needsToken(HttpMethod method, String path) {
        return method != HttpMethod.OPTIONS && !path.startsWith(API_PREFIX + "/webhooks/")
                && !path.equals(API_PREFIX + "/webhooks");
    }

    private void writeError(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            byte[] body = json.writeValueAsBytes(ApiError.of(status, message, List.of(), RequestIds.of(ctx)));
            ctx.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
