package org.fundraising.twenty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.Ids;

import java.util.Map;

/**
 * One Twenty object proxied the way the original's routes answered it: each method is one Twenty call and the
 * original's envelope ({@code {data:{appeal}}}, {@code {data:{createAppeal}}}, …), ids checked first, an absent
 * record a 404 naming it. The routes of appeals, payouts, recurring agreements, households and opportunities are this plus their own
 * rules; a route that answers in its own shape (households) uses {@link #find}, {@link #created}, {@link #updated}.
 */
public final class TwentyObject {

    private final TwentyClient twenty;
    private final String plural;
    private final String singular;
    private final String label;

    /** {@code plural} and {@code singular} as Twenty names the object; {@code label} as a person reads it. */
    public TwentyObject(TwentyClient twenty, String plural, String singular, String label) {
        this.twenty = twenty;
        this.plural = plural;
        this.singular = singular;
        this.label = label;
    }

    public Uni<Envelopes.Page> list(TwentyCaller caller, TwentyQuery query) {
        return twenty.list(caller, plural, query).map(page -> Envelopes.page(plural, page));
    }

    public Uni<Envelopes.Data> get(TwentyCaller caller, String id) {
        return find(caller, id).map(found -> Envelopes.data(singular, found));
    }

    public Uni<Envelopes.Data> create(TwentyCaller caller, ObjectNode record) {
        return created(caller, record).map(created -> Envelopes.data("create" + capitalised(), created));
    }

    public Uni<Envelopes.Data> update(TwentyCaller caller, String id, ObjectNode patch) {
        return updated(caller, id, patch).map(updated -> Envelopes.data("update" + capitalised(), updated));
    }

    /** The record as Twenty holds it, for a route that answers in its own shape; absent is the 404. */
    public Uni<ObjectNode> find(TwentyCaller caller, String id) {
        return twenty.findById(caller, plural, Ids.requireUuid("id", id), 0).map(found -> found.orElseThrow(() -> missing(id)));
    }

    public Uni<ObjectNode> created(TwentyCaller caller, ObjectNode record) {
        return twenty.create(caller, plural, record).map(CreateResult::record);
    }

    public Uni<ObjectNode> updated(TwentyCaller caller, String id, ObjectNode patch) {
        return twenty.update(caller, plural, Ids.requireUuid("id", id), patch).map(updated -> updated.orElseThrow(() -> missing(id)));
    }

    public Uni<Envelopes.Data> delete(TwentyCaller caller, String id) {
        return twenty.delete(caller, plural, Ids.requireUuid("id", id), false).map(deleted -> {
            if (!deleted) {
                throw missing(id);
            }
            return Envelopes.data("delete" + capitalised(), Map.of("id", id));
        });
    }

    public ApiException missing(String id) {
        return ApiException.notFound(label + " " + id + " not found");
    }

    private String capitalised() {
        return Character.toUpperCase(singular.charAt(0)) + singular.substring(1);
    }
}
