package org.fundraising.auth;

import io.smallrye.mutiny.Uni;
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
        if (embedded && !config.emulator().remoteAccess() && !LocalCallers.isLocal(request.request())) {
            return Uni.createFrom().failure(new ApiException(403, "This service runs with its embedded Twenty emulator "
                    + "and answers only on this machine (set FUNDRAISING_EMULATOR_REMOTE_ACCESS=true to open it)"));
        }
        String token = BearerTokens.from(request.request().getHeader(HttpHeaders.AUTHORIZATION), request.queryParam("token"));
        if (token == null) {
            return Uni.createFrom().failure(new ApiException(401, "Missing authentication token", List.of(), null));
        }
        RequestPipeline.authenticated(request, token);
        return verifier.admit(request, token).replaceWith((Response) null);
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
