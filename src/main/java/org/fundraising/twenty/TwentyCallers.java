package org.fundraising.twenty;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.RequestIds;
import org.fundraising.platform.RequestPipeline;

/**
 * Builds the {@link TwentyCaller} of the HTTP request being served: the caller's own token, its request id, the
 * interactive lane and the request's deadline. A request that carries no token cannot get a caller at all (401):
 * it never falls back to the service key.
 */
@ApplicationScoped
public class TwentyCallers {

    private final CurrentVertxRequest currentRequest;
    private final long maxWaitNanos;

    TwentyCallers(CurrentVertxRequest currentRequest, FundraisingConfig config) {
        this.currentRequest = currentRequest;
        this.maxWaitNanos = config.interactiveMaxWait().toNanos();
    }

    public TwentyCaller interactive(String context) {
        return forRequest(currentRequest.getCurrent(), context);
    }

    /**
     * The caller of bulk work a person started and waits for (a CSV import): their token, on the batch lane, with
     * no deadline, since its many calls are paced by the gate and must not crowd out people at their screens.
     */
    public TwentyCaller bulk(String context) {
        RoutingContext request = currentRequest.getCurrent();
        String token = RequestPipeline.tokenOf(request);
        if (token == null) {
            throw new ApiException(401, "Missing authentication token");
        }
        return TwentyCaller.person(Lane.BATCH, context, token, RequestIds.of(request), TwentyCaller.NO_DEADLINE);
    }

    /** The caller of {@code request}, whose token the authentication filter has checked. */
    public TwentyCaller forRequest(RoutingContext request, String context) {
        String token = RequestPipeline.tokenOf(request);
        if (token == null) {
            throw new ApiException(401, "Missing authentication token");
        }
        return TwentyCaller.person(Lane.INTERACTIVE, context, token, RequestIds.of(request),
                RequestPipeline.startedAt(request) + maxWaitNanos);
    }
}
