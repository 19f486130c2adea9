package org.fundraising.platform;

/** One entry of an error's {@code details}: which input was wrong and why. */
@io.quarkus.runtime.annotations.RegisterForReflection
public record FieldError(String field, String message) {
}
