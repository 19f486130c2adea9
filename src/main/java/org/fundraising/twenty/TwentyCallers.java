package org.fundraising.twenty;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.RequestIds;
import org.fundraising.platform.RequestPipeline;

/** Builds the {@link TwentyCaller} of the HTTP request being served: its token, its request id, the interactive lane. */
@ApplicationScoped
public class TwentyCallers {

    private final CurrentVertxRequest currentRequest;

    TwentyCallers(CurrentVertxRequest currentRequest) {
        this.currentRequest = currentRequest;
    }

    public TwentyCaller interactive(String context) {
        RoutingContext request = currentRequest.getCurrent();
        return new TwentyCaller(Lane.INTERACTIVE, context, RequestPipeline.tokenOf(request), RequestIds.of(request));
    }
}
