package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.twenty.schema.FundraisingSchema;
import org.fundraising.twenty.schema.TwentyObjectSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The emulated workspace's data model: Twenty's standard person, company and opportunity, and, when provisioned,
 * the fundraising objects the service declares. Changed through the metadata API like Twenty.
 */
final class EmulatorSchema {

    private static final Pattern METADATA_NAME = Pattern.compile("^[a-z][a-zA-Z0-9]*$");
    /** What Twenty 2.21 requires, as strings, of a relation's {@code relationCreationPayload}. */
    private static final List<String> RELATION_PAYLOAD_STRINGS = List.of("type", "targetObjectMetadataId",
            "targetFieldLabel", "targetFieldIcon");
    /** The workspace and the application its custom metadata belongs to, as Twenty's metadata names them. */
    static final String WORKSPACE_ID = "20202020-0000-4000-8000-000000000001";
    static final String APPLICATION_ID = "20202020-0000-4000-8000-000000000002";

    private final Map<String, ObjectMeta> bySingular = new LinkedHashMap<>();
    private final ObjectMapper json;

    EmulatorSchema(ObjectMapper json, boolean provision) {
        this.json = json;
        standardObjects();
        if (provision) {
            provisionFundraising();
        }
    }

    Collection<ObjectMeta> objects() {
        return bySingular.values();
    }

    Optional<ObjectMeta> bySingular(String name) {
        return Optional.ofNullable(bySingular.get(name));
    }

    Optional<ObjectMeta> byPlural(String plural) {
        return bySingular.values().stream().filter(o -> o.namePlural.equals(plural)).findFirst();
    }

    Optional<ObjectMeta> byId(String id) {
        return bySingular.values().stream().filter(o -> o.id.equals(id)).findFirst();
    }

    /** Twenty's answer for a path segment that is not an object's plural name. */
    EmulatorError unknownObject(String name) {
        if (bySingular.containsKey(name)) {
            return EmulatorError.badRequest("object '" + name + "' not found. Did you mean '" + bySingular.get(name).namePlural + "'?");
        }
        return EmulatorError.badRequest("object '" + name + "' not found. eg: companies");
    }

    ObjectMeta createObject(JsonNode input) {
        String singular = required(input, "nameSingular");
        String plural = required(input, "namePlural");
        String labelSingular = required(input, "labelSingular");
        String labelPlural = required(input, "labelPlural");
        if (!METADATA_NAME.matcher(singular).matches() || !METADATA_NAME.matcher(plural).matches()) {
            throw EmulatorError.badRequest("Name is not valid: it must be camelCase and start with a letter");
        }
        if (singular.equals(plural)) {
            throw EmulatorError.badRequest("The singular and plural names cannot be the same for an object");
        }
        if (bySingular.containsKey(singular) || byPlural(plural).isPresent() || byPlural(singular).isPresent()) {
            throw EmulatorError.badRequest("The name \"" + singular + "\" is not available");
        }
        ObjectMeta object = new ObjectMeta(singular, plural, labelSingular, labelPlural,
                input.path("icon").asText(null), input.path("description").asText(null), true);
        systemFields(object, true);
        bySingular.put(singular, object);
        return object;
    }

    FieldMeta createField(JsonNode input) {
        ObjectMeta object = byId(required(input, "objectMetadataId"))
                .orElseThrow(() -> EmulatorError.badRequest("Object metadata does not exist"));
        String name = required(input, "name");
        String type = required(input, "type");
        if (!METADATA_NAME.matcher(name).matches()) {
            throw EmulatorError.badRequest("Name is not valid: it must be camelCase and start with a letter");
        }
        if (!FieldMeta.TYPES.contains(type)) {
            throw EmulatorError.badRequest("Field type " + type + " is not supported");
        }
        // The input's shape is checked before the name is looked up, as Twenty validates a request body first.
        if ("RELATION".equals(type)) {
            JsonNode payload = input.path("relationCreationPayload");
            for (String key : RELATION_PAYLOAD_STRINGS) {
                if (!payload.path(key).isTextual()) {
                    throw MetadataErrors.malformedRelation(key, payload);
                }
            }
        }
        if (object.fields.containsKey(name) || object.byJoinColumn(name).isPresent()) {
            throw MetadataErrors.nameTaken(name);
        }
        String label = input.path("label").asText(name);
        if ("RELATION".equals(type)) {
            JsonNode payload = input.path("relationCreationPayload");
            ObjectMeta target = byId(payload.path("targetObjectMetadataId").asText(""))
                    .orElseThrow(() -> EmulatorError.badRequest("Target object metadata does not exist"));
            if (!"MANY_TO_ONE".equals(payload.path("type").asText("MANY_TO_ONE"))) {
                throw EmulatorError.badRequest("Only MANY_TO_ONE relations are emulated");
            }
            String inverseName = payload.hasNonNull("targetFieldName") ? payload.get("targetFieldName").asText()
                    : camel(payload.path("targetFieldLabel").asText(object.labelPlural));
            return relate(object, name, label, target, inverseName, payload.path("targetFieldLabel").asText(object.labelPlural));
        }
        FieldMeta field = object.add(new FieldMeta(name, type, label, false));
        if (input.path("options").isArray()) {
            field.options = input.path("options").findValuesAsText("value");
        }
        field.unique = input.path("isUnique").asBoolean(false);
        return field;
    }

    /** An object as the metadata list answers it (Twenty 2.21 names no isCustom, options or relation there). */
    ObjectNode toJson(ObjectMeta object) {
        ObjectNode node = json.createObjectNode()
                .put("id", object.id)
                .put("universalIdentifier", object.universalIdentifier)
                .put("applicationId", APPLICATION_ID)
                .put("nameSingular", object.nameSingular)
                .put("namePlural", object.namePlural)
                .put("labelSingular", object.labelSingular)
                .put("labelPlural", object.labelPlural)
                .put("description", object.description)
                .put("icon", object.icon)
                .put("isRemote", false)
                .put("isActive", true)
                .put("isSystem", false)
                .put("isUIEditable", true)
                .put("isUICreatable", true)
                .put("isUIReadOnly", false)
                .put("isSearchable", !object.custom)
                .put("isLabelSyncedWithName", false)
                .put("workspaceId", WORKSPACE_ID);
        FieldMeta label = object.fields.get("name");
        node.put("labelIdentifierFieldMetadataId", label == null ? null : label.id);
        node.put("createdAt", object.createdAt).put("updatedAt", object.createdAt);
        ArrayNode fields = node.putArray("fields");
        object.fields.values().forEach(field -> fields.add(toJson(object, field)));
        return node;
    }

    /** A field as the metadata list answers it: a relation shows only its type, RELATION. */
    ObjectNode toJson(ObjectMeta object, FieldMeta field) {
        ObjectNode node = fieldCommon(object, field)
                .put("description", field.label)
                .put("icon", field.system ? "Icon123" : null);
        node.put("isActive", true).put("isSystem", field.system).put("isUIEditable", !field.system)
                .put("isUIReadOnly", field.system).put("isNullable", !"id".equals(field.name)).put("isUnique", field.unique);
        node.putNull("defaultValue");
        node.put("workspaceId", WORKSPACE_ID).put("objectMetadataId", object.id).put("isLabelSyncedWithName", false)
                .put("createdAt", object.createdAt).put("updatedAt", object.createdAt);
        if ("DATE_TIME".equals(field.type) && field.system) {
            node.putObject("settings").put("displayFormat", "RELATIVE");
        }
        return node;
    }

    /** A field as its create answers it: with its {@code options}, without description, icon or settings. */
    ObjectNode toCreatedJson(ObjectMeta object, FieldMeta field) {
        ObjectNode node = fieldCommon(object, field).put("objectMetadataId", object.id).put("workspaceId", WORKSPACE_ID);
        node.putNull("defaultValue");
        node.put("isActive", true).put("isLabelSyncedWithName", false).put("isSystem", false).put("isUIEditable", true)
                .put("isUIReadOnly", false);
        if (field.options.isEmpty()) {
            node.putNull("options");
        } else {
            ArrayNode options = node.putArray("options");
            for (int i = 0; i < field.options.size(); i++) {
                options.addObject().put("value", field.options.get(i)).put("label", field.options.get(i))
                        .put("position", i).put("color", "gray");
            }
        }
        node.put("createdAt", object.createdAt).put("updatedAt", object.createdAt).put("isNullable", true)
                .put("isUnique", field.unique).put("applicationId", APPLICATION_ID);
        return node;
    }

    private ObjectNode fieldCommon(ObjectMeta object, FieldMeta field) {
        return json.createObjectNode().put("id", field.id).put("universalIdentifier", field.universalIdentifier)
                .put("applicationId", APPLICATION_ID).put("type", field.type).put("name", field.name)
                .put("label", field.label);
    }

    private FieldMeta relate(ObjectMeta source, String name, String label, ObjectMeta target, String inverseName,
                             String inverseLabel) {
        FieldMeta forward = new FieldMeta(name, "RELATION", label, false);
        forward.relationType = "MANY_TO_ONE";
        forward.targetObject = target.nameSingular;
        forward.targetField = inverseName;
        source.add(forward);
        if (!target.fields.containsKey(inverseName)) {
            FieldMeta inverse = new FieldMeta(inverseName, "RELATION", inverseLabel, false);
            inverse.relationType = "ONE_TO_MANY";
            inverse.targetObject = source.nameSingular;
            inverse.targetField = name;
            target.add(inverse);
        }
        return forward;
    }

    private void standardObjects() {
        ObjectMeta person = standard("person", "people", "Person", "People", "IconUser");
        person.add(new FieldMeta("name", "FULL_NAME", "Name", false));
        person.add(new FieldMeta("emails", "EMAILS", "Emails", false)).unique = true;
        person.add(new FieldMeta("phones", "PHONES", "Phones", false));
        person.add(new FieldMeta("linkedinLink", "LINKS", "Linkedin", false));
        person.add(new FieldMeta("jobTitle", "TEXT", "Job Title", false));
        person.add(new FieldMeta("avatarUrl", "TEXT", "Avatar", false));
        person.add(new FieldMeta("avatarFile", "FILES", "Avatar file", false));
        person.duplicateCriteria = List.of(List.of("name.firstName", "name.lastName"),
                List.of("linkedinLink.primaryLinkUrl"), List.of("emails.primaryEmail"));

        ObjectMeta company = standard("company", "companies", "Company", "Companies", "IconBuildingSkyscraper");
        company.add(new FieldMeta("name", "TEXT", "Name", false));
        company.add(new FieldMeta("domainName", "LINKS", "Domain", false));
        company.add(new FieldMeta("address", "ADDRESS", "Address", false));
        company.add(new FieldMeta("employees", "NUMBER", "Employees", false));
        company.add(new FieldMeta("linkedinLink", "LINKS", "Linkedin", false));
        company.add(new FieldMeta("annualRecurringRevenue", "CURRENCY", "ARR", false));
        company.add(new FieldMeta("idealCustomerProfile", "BOOLEAN", "ICP", false));
        company.duplicateCriteria = List.of(List.of("name"), List.of("domainName.primaryLinkUrl"));

        ObjectMeta opportunity = standard("opportunity", "opportunities", "Opportunity", "Opportunities", "IconTargetArrow");
        opportunity.add(new FieldMeta("name", "TEXT", "Name", false));
        opportunity.add(new FieldMeta("amount", "CURRENCY", "Amount", false));
        opportunity.add(new FieldMeta("closeDate", "DATE_TIME", "Close date", false));
        opportunity.add(new FieldMeta("stage", "SELECT", "Stage", false)).options =
                List.of("NEW", "SCREENING", "MEETING", "PROPOSAL", "CUSTOMER");

        relate(person, "company", "Company", company, "people", "People");
        relate(opportunity, "company", "Company", company, "opportunities", "Opportunities");
        relate(opportunity, "pointOfContact", "Point of Contact", person, "pointOfContactForOpportunities",
                "Linked Opportunities");
    }

    private ObjectMeta standard(String singular, String plural, String label, String labelPlural, String icon) {
        ObjectMeta object = new ObjectMeta(singular, plural, label, labelPlural, icon, null, false);
        systemFields(object, false);
        bySingular.put(singular, object);
        return object;
    }

    private static void systemFields(ObjectMeta object, boolean custom) {
        object.add(new FieldMeta("id", "UUID", "Id", true));
        if (custom) {
            object.add(new FieldMeta("name", "TEXT", "Name", false));
        }
        object.add(new FieldMeta("createdAt", "DATE_TIME", "Creation date", true));
        object.add(new FieldMeta("updatedAt", "DATE_TIME", "Last update", true));
        object.add(new FieldMeta("deletedAt", "DATE_TIME", "Deleted at", true));
        object.add(new FieldMeta("createdBy", "ACTOR", "Created by", true));
        object.add(new FieldMeta("updatedBy", "ACTOR", "Updated by", true));
        object.add(new FieldMeta("position", "POSITION", "Position", true));
        object.add(new FieldMeta("searchVector", "TS_VECTOR", "Search vector", true));
    }

    private void provisionFundraising() {
        for (TwentyObjectSpec spec : FundraisingSchema.OBJECTS) {
            ObjectMeta object = bySingular.get(spec.singular());
            if (object == null) {
                object = new ObjectMeta(spec.singular(), spec.plural(), spec.labelSingular(), spec.labelPlural(),
                        spec.icon(), null, true);
                systemFields(object, true);
                bySingular.put(object.nameSingular, object);
            }
            for (TwentyObjectSpec.Field field : spec.fields()) {
                object.add(new FieldMeta(field.name(), field.type(), field.label(), false));
            }
        }
        for (TwentyObjectSpec spec : FundraisingSchema.OBJECTS) {
            for (TwentyObjectSpec.Relation relation : spec.relations()) {
                relate(bySingular.get(spec.singular()), relation.name(), relation.label(), bySingular.get(relation.target()),
                        camel(relation.inverseLabel()), relation.inverseLabel());
            }
        }
    }

    private static String required(JsonNode input, String key) {
        String value = input.path(key).asText("");
        if (value.isBlank()) {
            throw EmulatorError.badRequest(key + " should not be empty");
        }
        return value;
    }

    /** "Gift Staging Rows" → "giftStagingRows", as Twenty derives an inverse field name from its label. */
    static String camel(String label) {
        StringBuilder out = new StringBuilder();
        for (String word : label.trim().split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            out.append(out.length() == 0 ? word.substring(0, 1).toLowerCase() : word.substring(0, 1).toUpperCase())
                    .append(word.substring(1));
        }
        return out.toString();
    }
}
