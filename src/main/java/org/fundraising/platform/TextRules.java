package org.fundraising.platform;

import java.lang.Character.UnicodeScript;

/**
 * What text a caller may store: no control characters (NUL, escape, C1; tab and line breaks only in multi-line
 * fields) and no bidirectional overrides or isolates, which make a name or note display as something other than
 * what it is. And whether an email mixes writing systems within one part (a Cyrillic "а" in a Latin address),
 * the mark of a look-alike.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why {@code text} may not be stored, or null when it may. */
    public static String problem(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (multiLine && (cp == '\t' || cp == '\n' || cp == '\r')) {
                continue;
            }
            if (Character.getType(cp) == Character.CONTROL) {
                return "must not contain control characters (such as NUL, escape" + (multiLine ? "" : ", tab or line breaks") + ")";
            }
            if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
                return "must not contain bidirectional override or isolate characters";
            }
            if (Character.getType(cp) == Character.SURROGATE) {
                return "must be valid Unicode text";
            }
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} with the reason when {@code text} may not be stored. */
    public static String checked(String text, boolean multiLine) {
        String problem = problem(text, multiLine);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return text;
    }

    /**
     * True when the local part or a domain label of {@code email} uses letters of more than one script. Each part
     * is judged alone: {@code иван@example.org} is fine, {@code pаypal@example.org} (Cyrillic а) is not.
     */
    public static boolean mixedScript(String email) {
        if (email == null) {
            return false;
        }
        for (String part : email.split("[@.]")) {
            UnicodeScript seen = null;
            for (int i = 0; i < part.length(); ) {
                int cp = part.codePointAt(i);
                i += Character.charCount(cp);
                UnicodeScript script = UnicodeScript.of(cp);
                if (script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED || script == UnicodeScript.UNKNOWN) {
                    continue;
                }
                if (seen != null && seen != script) {
                    return true;
                }
                seen = script;
            }
        }
        return false;
    }
}
