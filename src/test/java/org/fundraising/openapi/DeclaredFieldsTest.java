package org.fundraising.openapi;

import org.fundraising.appeal.AppealResource;
import org.fundraising.batch.GiftBatchResource;
import org.fundraising.gift.GiftInput;
import org.fundraising.household.HouseholdResource;
import org.fundraising.payout.GiftPayoutResource;
import org.fundraising.platform.InputSchema;
import org.fundraising.recurring.RecurringAgreementResource;
import org.fundraising.twenty.schema.FundraisingSchema;
import org.fundraising.twenty.schema.TwentyObjectSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every field a route writes to a Twenty record is one the data model declares, so {@code schema apply} creates
 * it and readiness checks it: a field added to a route and not to the model fails here, not in a workspace.
 */
class DeclaredFieldsTest {

    @Test
    void everyWrittenFieldIsDeclared() {
        Map<InputSchema, TwentyObjectSpec> writers = Map.of(
                GiftInput.UPDATE, FundraisingSchema.GIFT,
                AppealResource.SCHEMA, FundraisingSchema.APPEAL,
                HouseholdResource.SCHEMA, FundraisingSchema.HOUSEHOLD,
                GiftPayoutResource.SCHEMA, FundraisingSchema.GIFT_PAYOUT,
                RecurringAgreementResource.SCHEMA, FundraisingSchema.RECURRING_AGREEMENT,
                GiftBatchResource.SCHEMA, FundraisingSchema.GIFT_BATCH);
        List<String> undeclared = new ArrayList<>();
        writers.forEach((schema, object) -> schema.targets().stream()
                // Every custom object has Twenty's own name field.
                .filter(field -> !field.equals("name") && !object.writableNames().contains(field))
                .forEach(field -> undeclared.add(object.singular() + "." + field)));
        assertEquals(List.of(), undeclared);
    }
}
