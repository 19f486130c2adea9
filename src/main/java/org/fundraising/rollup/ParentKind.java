package org.fundraising.rollup;

import com.fasterxml.jackson.annotation.JsonValue;
import org.fundraising.platform.Vocabulary;
import org.fundraising.twenty.schema.FundraisingSchema;
import org.fundraising.twenty.schema.TwentyObjectSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The records that carry totals, with the gift field that links a gift to each (a household is reached through
 * its members) and the fields the totals are written to. Listed in the order a recompute visits them: people
 * before households, whose totals are made of their members'.
 */
public enum ParentKind {
    PERSON(FundraisingSchema.PERSON, "donorId", RollupValues.DONOR_FIELDS),
    HOUSEHOLD(FundraisingSchema.HOUSEHOLD, null, RollupValues.DONOR_FIELDS),
    COMPANY(FundraisingSchema.COMPANY, "companyId", RollupValues.DONOR_FIELDS),
    APPEAL(FundraisingSchema.APPEAL, "appealId", RollupValues.APPEAL_FIELDS),
    OPPORTUNITY(FundraisingSchema.OPPORTUNITY, "opportunityId", RollupValues.OPPORTUNITY_FIELDS);

    private final TwentyObjectSpec object;
    private final String giftLink;
    private final List<String> fields;

    ParentKind(TwentyObjectSpec object, String giftLink, List<String> fields) {
        this.object = object;
        this.giftLink = giftLink;
        this.fields = fields;
    }

    @JsonValue
    public String label() {
        return Vocabulary.wire(this);
    }

    static ParentKind fromLabel(String label) {
        for (ParentKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a kind of parent: " + label);
    }

    String plural() {
        return object.plural();
    }

    /** The gift's join column naming a parent of this kind; none for households. */
    String giftLink() {
        return giftLink;
    }

    /** The fields holding this kind's totals. */
    List<String> fields() {
        return fields;
    }

    /** What is read of a parent: its totals, and for a person the household it belongs to. */
    List<String> readFields() {
        List<String> read = new ArrayList<>(fields);
        read.add(0, "id");
        if (this == PERSON) {
            read.add("householdId");
        }
        return read;
    }
}
