package org.fundraising.smoke;

import org.fundraising.smoke.SmokeClient.Answer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The checks of a smoke run as they pass, fail or are skipped, printed one a line. */
final class SmokeChecks {

    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    SmokeChecks(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        out.println(title);
    }

    boolean check(String what, boolean passed, Answer evidence) {
        return check(what, passed, "HTTP " + evidence.status() + ": " + evidence.body());
    }

    boolean check(String what, boolean passed, Object evidence) {
        if (passed) {
            out.println("  PASS " + what);
        } else {
            fail(what + " (" + abbreviated(String.valueOf(evidence)) + ")");
        }
        return passed;
    }

    void fail(String what) {
        failures.add(what);
        out.println("  FAIL " + what);
    }

    /** A check this deployment cannot make: said so, and never counted as passed. */
    void skipped(String what, String why) {
        skipped.add(what);
        out.println("  SKIPPED " + what + ": " + why);
    }

    /** 0 when every check passed, 1 when one failed, 3 when none failed but some could not be made. */
    int exitStatus() {
        return !failures.isEmpty() ? 1 : !skipped.isEmpty() ? 3 : 0;
    }

    String summary(String flow) {
        return !failures.isEmpty() ? flow + ": " + failures.size() + " check(s) failed"
                : !skipped.isEmpty() ? flow + ": passed, " + skipped.size() + " skipped (" + String.join(", ", skipped) + ")"
                : flow + ": all checks passed";
    }

    private static String abbreviated(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
