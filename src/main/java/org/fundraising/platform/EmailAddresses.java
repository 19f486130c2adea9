package org.fundraising.platform;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One person, one email: the form in which two spellings of a mailbox compare equal, and the spellings refused as
 * not an address at all. The canonical form is NFKC (a full-width "ａ" is "a"), lower case, trimmed, without the
 * trailing dot a fully-qualified domain may carry. Refused: invisible format characters (a zero-width space or a
 * soft hyphen inside makes a look-alike), and the wrappings of an address rather than an address — {@code mailto:},
 * angle brackets, a quoted local part.
 */
public final class EmailAddresses {

    /** Local part and domain, each without spaces, quotes, brackets or a second @. */
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s\"<>()\\[\\],;:\\\\]+@[^@\\s\"<>()\\[\\],;:\\\\]+$");

    private EmailAddresses() {
    }

    /** The form emails are compared in; "" for none. */
    public static String canonical(String email) {
        if (email == null) {
            return "";
        }
        String text = Normalizer.normalize(email, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        while (text.endsWith(".") && text.contains("@")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** Why {@code email} (already trimmed) is not an address this service stores, or null when it is. */
    public static String problem(String email) {
        if (email.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT)) {
            return "must not contain invisible formatting characters (such as a zero-width space or a soft hyphen)";
        }
        String text = Normalizer.normalize(email, Normalizer.Form.NFKC);
        if (text.regionMatches(true, 0, "mailto:", 0, 7) || !ADDRESS.matcher(text).matches()
                || text.codePoints().anyMatch(Character::isSpaceChar)) {
            return "must be an email address";
        }
        return null;
    }
}
