package org.fundraising.donor;

import org.fundraising.platform.EmailAddresses;
import org.fundraising.platform.TextRules;

import java.text.Normalizer;
import java.util.Locale;

/** Who a gift says its donor is. Comparisons use {@link #normalName} and {@link #normalEmail}. */
public record DonorIdentity(String firstName, String lastName, String email) {

    public boolean hasName() {
        return !normalName(firstName).isEmpty() && !normalName(lastName).isEmpty();
    }

    public boolean hasEmail() {
        return !normalEmail(email).isEmpty();
    }

    /** An email mixing writing systems may be a look-alike of someone else's: never grounds to create a donor. */
    public boolean hasMixedScriptEmail() {
        return hasEmail() && TextRules.mixedScript(email);
    }

    /** Case, accents and spacing do not tell two names apart: "  José  NÚÑEZ" ~ "jose nunez". */
    public static String normalName(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
    }

    /** One mailbox, one form, whoever typed it (see {@link EmailAddresses#canonical}). */
    public static String normalEmail(String email) {
        return EmailAddresses.canonical(email);
    }
}
