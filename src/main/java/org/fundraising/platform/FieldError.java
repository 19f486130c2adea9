package org.fundraising.platform;

/** One entry of an error's {@code details}: which input was wrong and why. */
public record FieldError(String field, String message) {
}
