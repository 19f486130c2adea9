package org.fundraising.twenty.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.LogEvent;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;
import org.fundraising.twenty.schema.SchemaComparison.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates in a workspace what the declared data model has and the workspace lacks: objects first, then fields,
 * then relations (whose targets must exist). A field that exists with another type is reported, never changed;
 * what exists is left alone, so a second run creates nothing. Every call goes through the gate on the batch lane,
 * so 429s and 5xx are waited out and retried like any other background work. Rows are emitted as each item is
 * settled, so a caller can show progress; the first item Twenty refuses ends the run with a {@link #FAILED} row
 * carrying Twenty's reason, since what follows (fields of an object not made, relations to it) would fail too.
 */
@ApplicationScoped
public class SchemaProvisioner {

    /** One line of the report: what was declared, and what became of it. */
    public record Row(String name, String type, String outcome) {

        public boolean failed() {
            return outcome.startsWith(FAILED);
        }
    }

    public static final String CREATED = "created";
    public static final String PRESENT = "already present";
    public static final String CONFLICT = "conflict";
    public static final String PLANNED = "would create";
    public static final String FAILED = "failed";

    /** The icon Twenty shows beside a relation's inverse list when the declaring object has none of its own. */
    static final String DEFAULT_RELATION_ICON = "IconLink";

    private static final TwentyCaller CALLER = TwentyCaller.system(Lane.BATCH, "schema.apply");

    private final TwentyClient twenty;

    SchemaProvisioner(TwentyClient twenty) {
        this.twenty = twenty;
    }

    public Multi<Row> apply(boolean dryRun) {
        return twenty.metadataObjects(CALLER).map(SchemaComparison::of).onItem().transformToMulti(comparison -> {
            List<Row> known = new ArrayList<>();
            List<Item> toCreate = new ArrayList<>();
            for (Item item : comparison.items()) {
                switch (item.state()) {
                    case PRESENT -> known.add(new Row(item.name(), item.type(), PRESENT));
                    case CONFLICT -> known.add(new Row(item.name(), item.type(),
                            CONFLICT + ": the workspace has " + item.actualType() + "; left as it is"));
                    case MISSING -> toCreate.add(item);
                }
            }
            if (dryRun) {
                toCreate.forEach(item -> known.add(new Row(item.name(), item.type(), PLANNED)));
                return Multi.createFrom().iterable(known);
            }
            Map<String, String> ids = new HashMap<>(comparison.objectIds());
            AtomicBoolean stopped = new AtomicBoolean();
            Multi<Row> created = Multi.createFrom().iterable(inCreationOrder(toCreate))
                    .onItem().transformToUniAndConcatenate(item -> stopped.get() ? Uni.createFrom().nullItem()
                            : create(item, ids).invoke(row -> stopped.set(row.failed())));
            return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(known), created);
        });
    }

    /** Objects, then scalar fields, then relations: each step needs the ids the one before made. */
    private static List<Item> inCreationOrder(List<Item> items) {
        List<Item> ordered = new ArrayList<>(items.stream().filter(item -> item.field() == null).toList());
        ordered.addAll(items.stream().filter(item -> item.field() != null && item.relation() == null).toList());
        ordered.addAll(items.stream().filter(item -> item.relation() != null).toList());
        return ordered;
    }

    private Uni<Row> create(Item item, Map<String, String> ids) {
        Uni<ObjectNode> call;
        if (item.field() == null) {
            TwentyObjectSpec object = item.object();
            ObjectNode input = JsonNodeFactory.instance.objectNode().put("nameSingular", object.singular())
                    .put("namePlural", object.plural()).put("labelSingular", object.labelSingular())
                    .put("labelPlural", object.labelPlural()).put("icon", object.icon());
            call = twenty.createMetadataObject(CALLER, input).invoke(created -> ids.put(object.singular(), created.path("id").asText()));
        } else {
            call = twenty.createMetadataField(CALLER, fieldInput(item, ids));
        }
        return call.map(created -> new Row(item.name(), item.type(), CREATED))
                .onFailure(failure -> failure instanceof TwentyException twentyFailure && twentyFailure.isExistingMetadata())
                .recoverWithItem(() -> new Row(item.name(), item.type(), PRESENT))
                .onFailure().recoverWithItem(failure -> new Row(item.name(), item.type(), FAILED + ": " + failure.getMessage()))
                .invoke(row -> {
                    LogEvent step = LogEvent.of(SchemaProvisioner.class, "schema_apply_step").with("name", row.name())
                            .with("type", row.type()).with("outcome", row.outcome());
                    if (row.failed()) {
                        step.warn(row.name() + ": " + row.outcome());
                    } else {
                        step.info(row.name() + ": " + row.outcome());
                    }
                });
    }

    /**
     * A field's create input. A relation is declared on the many side; Twenty 2.21 also makes the inverse list on
     * the target and requires its label and icon (a string) in {@code relationCreationPayload}.
     */
    static ObjectNode fieldInput(Item item, Map<String, String> ids) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("objectMetadataId", ids.get(item.object().singular()))
                .put("type", item.type()).put("name", item.field()).put("isNullable", true);
        if (item.relation() == null) {
            return input.put("label", TwentyObjectSpec.labelOf(item.field()));
        }
        String icon = item.object().icon() == null ? DEFAULT_RELATION_ICON : item.object().icon();
        input.put("label", item.relation().label());
        input.putObject("relationCreationPayload").put("type", "MANY_TO_ONE")
                .put("targetObjectMetadataId", ids.get(item.relation().target()))
                .put("targetFieldLabel", item.relation().inverseLabel())
                .put("targetFieldIcon", icon);
        return input;
    }
}
