package org.fundraising.platform;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Bounds on every JSON body, checked by the parser before anything reads it: numbers of at most
 * {@value #MAX_NUMBER_LENGTH} characters and nesting at most {@value #MAX_DEPTH} deep. Decimals are read exactly
 * (never as doubles, which turn {@code 1e400} into infinity and 0.1 into an approximation).
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNestingDepth(MAX_DEPTH)
                .build());
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
