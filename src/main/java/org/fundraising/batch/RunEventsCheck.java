package org.fundraising.batch;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;
import org.fundraising.platform.Ids;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Map;

/**
 * A run's event stream is opened only for a run that exists: an event stream's answer is committed before its first
 * event, so an unknown batch or run must be refused before that, with a 404 in the error shape (a stream cut off
 * instead tells a client nothing).
 */
public class RunEventsCheck {

    private static final Map<String, RunType> STREAMS = Map.of("processEvents", RunType.PROCESS_BATCH,
            "donorMatchEvents", RunType.DONOR_MATCH, "createDonorsEvents", RunType.CREATE_DONORS, "importEvents", RunType.IMPORT);

    private final BatchRuns runs;

    RunEventsCheck(BatchRuns runs) {
        this.runs = runs;
    }

    @ServerRequestFilter(priority = Priorities.USER)
    public Uni<Void> knownRun(SimpleResourceInfo resource, UriInfo uri) {
        RunType type = resource.getResourceClass() == BatchRunResource.class ? STREAMS.get(resource.getMethodName()) : null;
        if (type == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> runs.get(Ids.requireUuid("batchId", uri.getPathParameters().getFirst("batchId")), type,
                Ids.requireUuid("runId", uri.getPathParameters().getFirst("runId")))).replaceWithVoid();
    }
}
