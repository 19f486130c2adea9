package org.fundraising.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Twenty's CURRENCY value: a whole number of millionths of the currency unit (12.50 GBP is 12500000) and its
 * ISO 4217 code. A fee may leave the code out, as it takes the gift's.
 */
@RegisterForReflection
public record Amount(Long amountMicros, String currencyCode) {
}
