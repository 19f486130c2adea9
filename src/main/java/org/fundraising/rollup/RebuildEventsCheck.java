package org.fundraising.rollup;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;
import org.fundraising.platform.Ids;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * A rebuild's event stream is opened only for a rebuild that exists: the stream's answer is committed before its
 * first event, so an unknown id is refused before that, with a 404 in the error shape.
 */
public class RebuildEventsCheck {

    private final RollupRuns runs;

    RebuildEventsCheck(RollupRuns runs) {
        this.runs = runs;
    }

    @ServerRequestFilter(priority = Priorities.USER)
    public Uni<Void> knownRebuild(SimpleResourceInfo resource, UriInfo uri) {
        if (resource.getResourceClass() != RollupResource.class || !"events".equals(resource.getMethodName())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            String runId = Ids.requireUuid("runId", uri.getPathParameters().getFirst("runId"));
            return runs.find(runId).map(found -> found.orElseThrow(() -> RollupRuns.unknown(runId)));
        }).replaceWithVoid();
    }
}
