package org.fundraising.platform;

/**
 * Caller input put back into an error message: trimmed to a length, control and format characters (line breaks,
 * bidi overrides) replaced, so that an echo can neither forge log lines nor flood a response.
 */
public final class SafeText {

    private SafeText() {
    }

    public static String echo(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 1);
        text.codePoints().limit(maxLength).forEach(cp -> {
            int type = Character.getType(cp);
            out.appendCodePoint(type == Character.CONTROL || type == Character.FORMAT ? '?' : cp);
        });
        return text.codePointCount(0, text.length()) > maxLength ? out.append('…').toString() : out.toString();
    }
}
