package dev.stratus.platform.input;

/**
 * Which control characters a value may hold. A control character is C0 (U+0000–U+001F), DEL (U+007F) or C1
 * (U+0080–U+009F), as {@link Character#isISOControl} says. A one-line value (a name, an id, a path segment, a query
 * value, a JSON key) holds none; free text (a description, user data) may hold TAB, LF and CR, and no other.
 */
public final class ControlCharacters {
    /** The regular expression of a one-line value: what {@link OneLine} checks on names and ids of request types. */
    public static final String ONE_LINE = "^[^\\x00-\\x1F\\x7F-\\x9F]*$";
    public static final String ONE_LINE_MESSAGE = "must not contain control characters (U+0000-U+001F, U+007F-U+009F)";

    private ControlCharacters() {
    }

    /** The index of the first control character in {@code value}, or -1. */
    public static int inLine(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first control character other than TAB, LF and CR in {@code value}, or -1. */
    public static int inText(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** "the control character U+0000 at position 12" (position counted from 0). */
    public static String describe(CharSequence value, int index) {
        return String.format("the control character U+%04X at position %d", (int) value.charAt(index), index);
    }
}
