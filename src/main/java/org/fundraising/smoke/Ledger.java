package org.fundraising.smoke;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run cost in Twenty calls, from the service's own counters before and after: attempts on the wire,
 * retries among them, logical calls (attempts less retries) and 429 answers.
 */
record Ledger(double attempts, double retries, double rateLimited) {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+?)(?:_total)?(?:\\{[^}]*})?\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);

    static Ledger read(String metrics) {
        double attempts = 0;
        double retries = 0;
        double limited = 0;
        Matcher sample = SAMPLE.matcher(metrics);
        while (sample.find()) {
            double value = Double.parseDouble(sample.group(2));
            switch (sample.group(1)) {
                case "fundraising_twenty_calls" -> attempts += value;
                case "fundraising_twenty_retries" -> retries += value;
                case "fundraising_twenty_rate_limited" -> limited += value;
                default -> {
                }
            }
        }
        return new Ledger(attempts, retries, limited);
    }

    Ledger since(Ledger before) {
        return new Ledger(attempts - before.attempts, retries - before.retries, rateLimited - before.rateLimited);
    }

    String describe() {
        return String.format("ledger: logical calls %d, attempts %d, retries %d, 429s %d",
                Math.round(attempts - retries), Math.round(attempts), Math.round(retries), Math.round(rateLimited));
    }
}
