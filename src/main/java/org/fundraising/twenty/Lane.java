package org.fundraising.twenty;

import java.util.Locale;

/** Priority lanes of the gate, highest first: people waiting on a screen never queue behind background work. */
public enum Lane {
    INTERACTIVE, INTAKE, BATCH, ROLLUP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
