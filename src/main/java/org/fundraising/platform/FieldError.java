package org.fundraising.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of an error's {@code details}: which input was wrong and why. */
@RegisterForReflection
public record FieldError(String field, String message) {
}
