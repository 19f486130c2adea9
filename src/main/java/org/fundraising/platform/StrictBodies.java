package org.fundraising.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * How a typed request body (a record) is read: a field the record does not have is refused rather than ignored, and
 * a value of the wrong JSON type (the text "5" for a number, 1 for true) is refused rather than converted, so what a
 * client sends is exactly what the record says. Used with Quarkus REST's {@code @CustomDeserialization}.
 */
public final class StrictBodies implements BiFunction<ObjectMapper, Type, ObjectReader> {

    private static volatile ObjectMapper strict;

    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return strict(mapper).readerFor(mapper.constructType(type));
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper current = strict;
        if (current == null) {
            current = mapper.copy()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
            for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Textual}) {
                current.coercionConfigFor(type)
                        .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer ? CoercionAction.TryConvert : CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail);
            }
            strict = current;
        }
        return current;
    }
}
