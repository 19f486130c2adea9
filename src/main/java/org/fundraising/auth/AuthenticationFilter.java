package org.fundraising.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LocalCallers;
import org.fundraising.platform.OpenRoute;
import org.fundraising.platform.RequestPipeline;
import org.fundraising.platform.TwentyConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.List;

/**
 * Who may call what, decided on the resource method that matched (never on the raw path, whose spellings —
 * matrix parameters, encoded slashes, dot segments, case — the router folds before matching). Deny by default:
 * every route needs a caller token that Twenty accepts unless its resource is marked {@link OpenRoute}.
 */
public class AuthenticationFilter {

    private final TokenVerifier verifier;
    private final FundraisingConfig config;
    private final boolean embedded;

    AuthenticationFilter(TokenVerifier verifier, FundraisingConfig config, TwentyConfig twenty) {
        this.verifier = verifier;
        this.config = config;
        this.embedded = twenty.embedded();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(SimpleResourceInfo resource, RoutingContext request) {
        if (isOpen(resource)) {
            return Uni.createFrom().nullItem();
        }
        if (config.emulatorOnly()) {
            return Uni.createFrom().failure(ApiException.notFound("This instance runs only the Twenty emulator"));
        }
        if (embedded && !config.emulator().remoteAccess()
                && !LocalCallers.isLocal(request.request(), config.emulator().hosts().orElse(List.of()))) {
            return Uni.createFrom().failure(new ApiException(403, "This service runs with its embedded Twenty emulator "
                    + "and answers only on this machine (set FUNDRAISING_EMULATOR_REMOTE_ACCESS=true to open it)"));
        }
        String header = BearerTokens.from(request.request().getHeader(HttpHeaders.AUTHORIZATION), List.of());
        String token = header != null ? header : tokenOutsideTheHeader(request);
        if (token == null) {
            return Uni.createFrom().failure(new ApiException(401, "Missing authentication token", List.of(), null));
        }
        RequestPipeline.authenticated(request, token);
        return verifier.admit(request, token).replaceWith((Response) null);
    }

    /**
     * A token sent other than as {@code Authorization}: {@code ?token=} (the original's fallback) for reads only — a
     * change carrying its token in the URL is refused, since a URL ends up in logs and a page elsewhere can send a
     * simple cross-site request with one — and, for an event stream (a browser's EventSource sends no headers), the
     * person's Twenty session cookie, which the browser sends only to this site.
     */
    private static String tokenOutsideTheHeader(RoutingContext request) {
        HttpMethod method = request.request().method();
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        List<String> inUrl = request.queryParam("token");
        if (!read && inUrl.stream().anyMatch(token -> token != null && !token.isBlank())) {
            throw new ApiException(401, "A token in the URL is refused for a change: send it as Authorization: Bearer <token>");
        }
        if (read && String.valueOf(request.request().getHeader(HttpHeaders.ACCEPT)).contains("text/event-stream")) {
            Cookie session = request.request().getCookie("tokenPair");
            String fromCookie = session == null ? null : SessionCookie.accessToken(session.getValue());
            if (fromCookie != null) {
                return fromCookie;
            }
        }
        return read ? BearerTokens.from(null, inUrl) : null;
    }

    private static final ClassValue<Boolean> OPEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(OpenRoute.class);
        }
    };

    private static boolean isOpen(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() != null && OPEN.get(resource.getResourceClass());
    }
}
