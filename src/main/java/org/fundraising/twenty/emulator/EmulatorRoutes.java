package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Twenty's REST routes (records, batches, duplicates, metadata, webhooks) over the emulated workspace, with Twenty's envelopes. */
final class EmulatorRoutes {

    private final EmulatorWorkspace workspace;
    private final EmulatorWebhooks webhooks;
    private final ObjectMapper json;

    EmulatorRoutes(EmulatorWorkspace workspace, EmulatorWebhooks webhooks, ObjectMapper json) {
        this.workspace = workspace;
        this.webhooks = webhooks;
        this.json = json;
    }

    TwentyEmulator.Reply serve(String method, List<String> segments, Map<String, String> query, JsonNode body) {
        String verb = "PUT".equals(method) ? "PATCH" : method;
        List<String> webhookPath = !segments.isEmpty() && "metadata".equals(segments.get(0)) ? segments.subList(1, segments.size()) : segments;
        if (!webhookPath.isEmpty() && "webhooks".equals(webhookPath.get(0))) {
            return webhookRoutes(verb, webhookPath, body);
        }
        if (!segments.isEmpty() && "metadata".equals(segments.get(0))) {
            return metadata(verb, segments.subList(1, segments.size()), body);
        }
        if (segments.size() == 2 && "batch".equals(segments.get(0))) {
            ObjectMeta object = workspace.object(segments.get(1));
            if ("POST".equals(verb)) {
                if (!body.isArray()) {
                    throw EmulatorError.badRequest("Body must be an array");
                }
                if (body.isEmpty()) {
                    throw EmulatorError.badRequest("Input must not be empty");
                }
                List<JsonNode> inputs = new ArrayList<>();
                body.forEach(inputs::add);
                List<ObjectNode> created = workspace.create(object, inputs, "true".equals(query.get("upsert")));
                return data(201, "create" + capitalize(object.namePlural), array(created));
            }
            if ("PATCH".equals(verb)) {
                return data(200, "update" + capitalize(object.namePlural),
                        array(workspace.updateMany(object, query.get("filter"), body)));
            }
            throw invalidPath(segments);
        }
        if (segments.size() == 2 && "duplicates".equals(segments.get(1)) && "POST".equals(verb)) {
            ObjectMeta object = workspace.object(segments.get(0));
            ObjectNode envelope = json.createObjectNode();
            envelope.set("data", workspace.duplicates(object, body, depth(query)));
            return TwentyEmulator.Reply.of(200, envelope);
        }
        if (segments.size() == 3 && "restore".equals(segments.get(2)) && "PATCH".equals(verb)) {
            ObjectMeta object = workspace.object(segments.get(0));
            return data(200, "restore" + capitalize(object.nameSingular), workspace.restoreOne(object, segments.get(1)));
        }
        if (segments.size() > 2 || segments.isEmpty() || segments.get(0).isEmpty()) {
            throw invalidPath(segments);
        }
        ObjectMeta object = workspace.object(segments.get(0));
        boolean soft = "true".equals(query.get("soft_delete"));
        if (segments.size() == 1) {
            return switch (verb) {
                case "GET" -> list(object, query);
                case "POST" -> {
                    if (!body.isObject()) {
                        throw EmulatorError.badRequest("Body must be an object");
                    }
                    yield data(201, "create" + capitalize(object.nameSingular),
                            workspace.create(object, List.of(body), "true".equals(query.get("upsert"))).get(0));
                }
                case "PATCH" -> data(200, "update" + capitalize(object.namePlural),
                        array(workspace.updateMany(object, query.get("filter"), body)));
                case "DELETE" -> {
                    ArrayNode ids = json.createArrayNode();
                    workspace.deleteMany(object, query.get("filter"), soft).forEach(id -> ids.addObject().put("id", id));
                    yield data(200, "delete" + capitalize(object.namePlural), ids);
                }
                default -> throw invalidPath(segments);
            };
        }
        String id = segments.get(1);
        return switch (verb) {
            case "GET" -> data(200, object.nameSingular, workspace.findOne(object, id, depth(query)));
            case "PATCH" -> data(200, "update" + capitalize(object.nameSingular), workspace.updateOne(object, id, body));
            case "DELETE" -> data(200, "delete" + capitalize(object.nameSingular), workspace.deleteOne(object, id, soft));
            default -> throw invalidPath(segments);
        };
    }

    /**
     * {@code /rest/metadata/webhooks} and the older {@code /rest/webhooks}, answered as Twenty 2.21 does: the list is
     * a bare array, a create a bare object, a delete the bare word {@code true}.
     */
    private TwentyEmulator.Reply webhookRoutes(String verb, List<String> path, JsonNode body) {
        if (path.size() == 1 && "POST".equals(verb)) {
            return TwentyEmulator.Reply.of(201, webhooks.register(body));
        }
        if (path.size() == 1 && "GET".equals(verb)) {
            return TwentyEmulator.Reply.of(200, webhooks.list());
        }
        if (path.size() == 2 && "DELETE".equals(verb)) {
            webhooks.remove(path.get(1));
            return new TwentyEmulator.Reply(200, BooleanNode.TRUE, Map.of("Content-Type", "text/html; charset=utf-8"),
                    false, false);
        }
        throw invalidPath(path);
    }

    /** A page of records; Twenty 2.21 takes no {@code fields} parameter, so records always come whole. */
    private TwentyEmulator.Reply list(ObjectMeta object, Map<String, String> query) {
        EmulatorWorkspace.Page page = workspace.findMany(object, query.get("filter"), query.get("order_by"), limit(query),
                depth(query), query.get("starting_after"), query.get("ending_before"));
        ObjectNode envelope = json.createObjectNode();
        envelope.putObject("data").set(object.namePlural, array(page.records()));
        envelope.put("totalCount", page.totalCount());
        ObjectNode info = envelope.putObject("pageInfo").put("hasNextPage", page.hasNextPage())
                .put("hasPreviousPage", page.hasPreviousPage());
        info.put("startCursor", page.startCursor());
        info.put("endCursor", page.endCursor());
        return TwentyEmulator.Reply.of(200, envelope);
    }

    private TwentyEmulator.Reply metadata(String verb, List<String> segments, JsonNode body) {
        if (segments.isEmpty() || segments.size() > 2) {
            throw EmulatorError.badRequest("Query path invalid. Valid examples: /rest/metadata/objects or /rest/metadata/fields");
        }
        EmulatorSchema schema = workspace.schema();
        String kind = segments.get(0);
        boolean objects = "objects".equals(kind);
        if (!objects && !"fields".equals(kind)) {
            throw EmulatorError.badRequest("Query path invalid. Valid examples: /rest/metadata/objects or /rest/metadata/fields");
        }
        synchronized (workspace) {
            if (segments.size() == 1 && "GET".equals(verb)) {
                ArrayNode items = json.createArrayNode();
                schema.objects().forEach(o -> {
                    if (objects) {
                        items.add(schema.toJson(o));
                    } else {
                        o.fields.values().forEach(f -> items.add(schema.toJson(o, f)));
                    }
                });
                ObjectNode envelope = json.createObjectNode();
                envelope.putObject("data").set(kind, items);
                envelope.put("totalCount", items.size());
                envelope.putObject("pageInfo").put("hasNextPage", false).putNull("startCursor").putNull("endCursor");
                return TwentyEmulator.Reply.of(200, envelope);
            }
            if (segments.size() == 1 && "POST".equals(verb)) {
                if (objects) {
                    return data(201, "createOneObject", schema.toJson(schema.createObject(body)));
                }
                FieldMeta field = schema.createField(body);
                ObjectMeta owner = schema.byId(body.path("objectMetadataId").asText()).orElseThrow();
                workspace.backfill(owner, field);
                return data(201, "createOneField", schema.toCreatedJson(owner, field));
            }
            if (segments.size() == 2 && "GET".equals(verb)) {
                String id = segments.get(1);
                if (objects) {
                    return data(200, "object", schema.toJson(schema.byId(id).orElseThrow(EmulatorError::notFound)));
                }
                for (ObjectMeta o : schema.objects()) {
                    for (FieldMeta f : o.fields.values()) {
                        if (f.id.equals(id)) {
                            return data(200, "field", schema.toJson(o, f));
                        }
                    }
                }
                throw EmulatorError.notFound();
            }
        }
        throw EmulatorError.badRequest("Metadata " + verb + " on " + String.join("/", segments) + " is not emulated");
    }

    private TwentyEmulator.Reply data(int status, String key, JsonNode value) {
        ObjectNode envelope = json.createObjectNode();
        envelope.putObject("data").set(key, value);
        return TwentyEmulator.Reply.of(status, envelope);
    }

    private ArrayNode array(List<ObjectNode> records) {
        return TwentyEmulator.array(json, records);
    }

    private int limit(Map<String, String> query) {
        String raw = query.get("limit");
        if (raw == null) {
            return Math.min(EmulatorWorkspace.DEFAULT_LIMIT, workspace.maxRecords());
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit < 0) {
                throw new NumberFormatException();
            }
            return Math.min(limit, workspace.maxRecords());
        } catch (NumberFormatException e) {
            throw EmulatorError.badRequest("limit '" + raw + "' is invalid. Should be an integer");
        }
    }

    private static int depth(Map<String, String> query) {
        String raw = query.getOrDefault("depth", "0");
        if (!"0".equals(raw) && !"1".equals(raw)) {
            throw EmulatorError.badRequest("'depth=" + raw + "' parameter invalid. Allowed values are 0, 1");
        }
        return Integer.parseInt(raw);
    }

    private static EmulatorError invalidPath(List<String> segments) {
        String path = "/rest/" + String.join("/", segments);
        return EmulatorError.badRequest("Query path '" + path
                + "' invalid. Valid examples: /rest/companies/id or /rest/companies or /rest/batch/companies");
    }

    private static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
