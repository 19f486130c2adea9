package org.fundraising.platform;

import java.io.PrintStream;

/** Where a command run of the jar writes: its report to {@code out}, usage and failures to {@code err}. */
public record Terminal(PrintStream out, PrintStream err) {
}
