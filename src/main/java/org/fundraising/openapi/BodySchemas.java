package org.fundraising.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.fundraising.appeal.AppealResource;
import org.fundraising.batch.BatchRunResource;
import org.fundraising.batch.GiftBatchResource;
import org.fundraising.gift.GiftInput;
import org.fundraising.household.HouseholdResource;
import org.fundraising.payout.GiftPayoutResource;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.InputSchema.FieldDoc;
import org.fundraising.recurring.RecurringAgreementResource;
import org.fundraising.staging.StagingEdits;
import org.fundraising.staging.StagingIntake;
import org.fundraising.twenty.schema.FundraisingSchema;
import org.fundraising.twenty.schema.TwentyObjectSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body schemas of {@code /q/openapi}, made from the declarations the service itself runs on, so the document
 * cannot drift from the code: a request body's schema from the {@link InputSchema} that reads it (field kinds,
 * vocabularies, required fields), a Twenty record's schema from the fundraising data model. Routes point at them
 * by name ({@code @Schema(ref = "GiftCreate")}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class BodySchemas implements OASFilter {

    private static final Map<String, InputSchema<?>> REQUESTS = Map.ofEntries(
            Map.entry("GiftCreate", GiftInput.CREATE),
            Map.entry("GiftUpdate", GiftInput.UPDATE),
            Map.entry("GiftStagingCreate", StagingIntake.SCHEMA),
            Map.entry("GiftStagingUpdate", StagingEdits.EDITABLE),
            Map.entry("GiftStagingStatus", StagingEdits.STATUS),
            Map.entry("AppealInput", AppealResource.SCHEMA),
            Map.entry("HouseholdInput", HouseholdResource.SCHEMA),
            Map.entry("GiftPayoutInput", GiftPayoutResource.SCHEMA),
            Map.entry("RecurringAgreementInput", RecurringAgreementResource.SCHEMA),
            Map.entry("GiftBatchInput", GiftBatchResource.SCHEMA),
            Map.entry("CreateDonorsStart", BatchRunResource.CREATE_DONORS));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        REQUESTS.forEach((name, schema) -> openAPI.getComponents().addSchema(name, request(schema)));
        FundraisingSchema.OBJECTS.forEach(object -> openAPI.getComponents().addSchema(recordName(object), record(object)));
        openAPI.getComponents().addSchema("GiftCreated", giftCreated());
        openAPI.getComponents().addSchema("GiftData", object().addProperty("data", object().addProperty("gift", ref("Gift"))));
    }

    /** {@code giftStaging} → {@code GiftStaging}: the component name of an object's records. */
    static String recordName(TwentyObjectSpec object) {
        return Character.toUpperCase(object.singular().charAt(0)) + object.singular().substring(1);
    }

    private static Schema request(InputSchema<?> schema) {
        Schema body = object().description(schema.what() + ": unknown fields are named in the 400 (or, for intake, "
                + "ignored and reported); null or \"\" clears a field; an update must change at least one field.");
        List<String> required = new ArrayList<>();
        for (FieldDoc field : schema.describe()) {
            body.addProperty(field.name(), shape(field));
            if (field.required()) {
                required.add(field.name());
            }
        }
        return required.isEmpty() ? body : body.required(required);
    }

    private static Schema shape(FieldDoc field) {
        return switch (field.shape()) {
            case TEXT -> string();
            case UUID -> string().format("uuid");
            case DATE -> string().format("date").description("YYYY-MM-DD, 1900-01-01 to 2100-12-31");
            case DATE_TIME -> string().format("date-time");
            case BOOLEAN -> scalar(SchemaType.BOOLEAN);
            case COUNT -> scalar(SchemaType.INTEGER).format("int64");
            case NUMBER -> scalar(SchemaType.NUMBER);
            case MONEY -> money("amountMicros > 0: the amount in millionths of the currency unit");
            case AMOUNT -> money("amountMicros: any whole number of millionths, negative included");
            case VOCABULARY -> string().enumeration(new ArrayList<>(field.vocabulary().stream().sorted().toList()));
            case JSON -> object();
        };
    }

    private static Schema record(TwentyObjectSpec object) {
        Schema record = object().description(object.labelSingular() + " record as Twenty returns it")
                .addProperty("id", string().format("uuid"))
                .addProperty("name", string())
                .addProperty("createdAt", string().format("date-time"))
                .addProperty("updatedAt", string().format("date-time"));
        object.fields().forEach(field -> record.addProperty(field.name(), twentyType(field.type())));
        object.relations().forEach(relation -> record.addProperty(relation.joinColumn(), string().format("uuid")));
        return record;
    }

    private static Schema twentyType(String type) {
        return switch (type) {
            case "CURRENCY" -> money("amountMicros: millionths of the currency unit");
            case "DATE" -> string().format("date");
            case "DATE_TIME" -> string().format("date-time");
            case "BOOLEAN" -> scalar(SchemaType.BOOLEAN);
            case "NUMBER" -> scalar(SchemaType.NUMBER);
            case "TEXT" -> string();
            default -> object();
        };
    }

    /** {@code POST /gifts}: the gift posted at once, or the staged row with why it waits. */
    private static Schema giftCreated() {
        Schema posted = object().addProperty("data", object().addProperty("createGift", ref("Gift")));
        Schema staged = object()
                .addProperty("data", object().addProperty("giftStaging", ref("GiftStaging")))
                .addProperty("meta", object()
                        .addProperty("stagedOnly", scalar(SchemaType.BOOLEAN))
                        .addProperty("processingDiagnostics", object()));
        return OASFactory.createSchema().oneOf(List.of(posted, staged));
    }

    private static Schema money(String description) {
        return object().description(description)
                .addProperty("amountMicros", scalar(SchemaType.INTEGER).format("int64"))
                .addProperty("currencyCode", string().description("ISO 4217, e.g. GBP"))
                .required(List.of("amountMicros", "currencyCode"));
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(name);
    }

    private static Schema object() {
        return scalar(SchemaType.OBJECT);
    }

    private static Schema string() {
        return scalar(SchemaType.STRING);
    }

    private static Schema scalar(SchemaType type) {
        return OASFactory.createSchema().addType(type);
    }
}
