package org.fundraising.twenty.schema;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/** Every write route of the API checks, before it writes anything, that the workspace has the fundraising schema. */
public class SchemaWriteGuard {

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PATCH, HttpMethod.PUT, HttpMethod.DELETE);

    private final SchemaCheck check;

    SchemaWriteGuard(SchemaCheck check) {
        this.check = check;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void beforeWrite(RoutingContext request) {
        if (WRITES.contains(request.request().method()) && request.normalizedPath().startsWith("/api/fundraising/")) {
            check.requireComplete();
        }
    }
}
