package org.fundraising.twenty.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One Twenty object as the fundraising service needs it: its names and labels, the fields the service reads and
 * writes, and its many-to-one relations. {@code custom} is false for Twenty's standard objects (person, company,
 * opportunity), which the service only augments with fields.
 */
public record TwentyObjectSpec(String singular, String plural, String labelSingular, String labelPlural, String icon,
                               boolean custom, List<Field> fields, List<Relation> relations) {

    /** A scalar or composite field: {@code type} is Twenty's field type name (TEXT, CURRENCY, RAW_JSON…). */
    public record Field(String name, String type) {

        /** The label a person sees in Twenty: {@code lifetimeGiftAmount} → "Lifetime Gift Amount". */
        public String label() {
            return labelOf(name);
        }
    }

    /**
     * A many-to-one link written as {@code <name>Id}; Twenty derives the inverse one-to-many field's name from
     * {@code inverseLabel} on the target ("Gift Staging Rows" → {@code giftStagingRows}).
     */
    public record Relation(String name, String target, String inverseLabel) {

        public String joinColumn() {
            return name + "Id";
        }

        public String label() {
            return labelOf(name);
        }
    }

    /**
     * The join column a refused write's foreign key names. Twenty 2.21 reports a link to a record that does not exist
     * as PostgreSQL does, by constraint ({@code violates foreign key constraint "FK_d669…"}), and names constraints as
     * TypeORM does: {@code FK_} and the first 27 hex digits of SHA-1 of {@code <table>_<column>}, a custom object's
     * table being its name after an underscore.
     */
    public Optional<String> foreignKeyColumn(String message) {
        if (message == null || !message.contains("foreign key constraint")) {
            return Optional.empty();
        }
        String table = (custom ? "_" : "") + singular;
        return relations.stream().map(Relation::joinColumn)
                .filter(column -> message.contains("\"" + column + "\"") || message.contains(constraintName(table, column)))
                .findFirst();
    }

    /** The name TypeORM gives the foreign key of {@code table}'s {@code column}, which PostgreSQL's refusals quote. */
    public static String constraintName(String table, String column) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((table + "_" + column).getBytes(StandardCharsets.UTF_8));
            return "FK_" + HexFormat.of().formatHex(digest).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** Every name a record of this object may be written with: fields and relation join columns. */
    public List<String> writableNames() {
        List<String> names = new ArrayList<>(fields.stream().map(Field::name).toList());
        relations.forEach(relation -> names.add(relation.joinColumn()));
        return names;
    }

    static String labelOf(String name) {
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static Builder custom(String singular, String plural, String labelSingular, String labelPlural, String icon) {
        return new Builder(singular, plural, labelSingular, labelPlural, icon, true);
    }

    static Builder standard(String singular, String plural, String labelSingular, String labelPlural) {
        return new Builder(singular, plural, labelSingular, labelPlural, null, false);
    }

    static final class Builder {
        private final String singular;
        private final String plural;
        private final String labelSingular;
        private final String labelPlural;
        private final String icon;
        private final boolean custom;
        private final List<Field> fields = new ArrayList<>();
        private final List<Relation> relations = new ArrayList<>();

        private Builder(String singular, String plural, String labelSingular, String labelPlural, String icon, boolean custom) {
            this.singular = singular;
            this.plural = plural;
            this.labelSingular = labelSingular;
            this.labelPlural = labelPlural;
            this.icon = icon;
            this.custom = custom;
        }

        Builder fields(String type, String... names) {
            for (String name : names) {
                fields.add(new Field(name, type));
            }
            return this;
        }

        Builder text(String... names) {
            return fields("TEXT", names);
        }

        Builder relation(String name, String target, String inverseLabel) {
            relations.add(new Relation(name, target, inverseLabel));
            return this;
        }

        /** What a gift (or the staging row it comes from) points at: its donor or company, and where it belongs. */
        Builder giftLinks(String inverseLabel) {
            return relation("donor", "person", inverseLabel)
                    .relation("company", "company", inverseLabel)
                    .relation("opportunity", "opportunity", inverseLabel)
                    .relation("appeal", "appeal", inverseLabel)
                    .relation("recurringAgreement", "recurringAgreement", inverseLabel)
                    .relation("giftPayout", "giftPayout", inverseLabel)
                    .relation("giftBatch", "giftBatch", inverseLabel);
        }

        TwentyObjectSpec build() {
            return new TwentyObjectSpec(singular, plural, labelSingular, labelPlural, icon, custom, List.copyOf(fields),
                    List.copyOf(relations));
        }
    }
}
