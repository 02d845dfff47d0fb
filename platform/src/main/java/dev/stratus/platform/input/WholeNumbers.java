package dev.stratus.platform.input;

import dev.stratus.platform.problem.ApiException;

/** A query parameter that is a whole number within bounds (a page's {@code limit}, a long poll's seconds). */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /**
     * {@code text} as a number from {@code min} to {@code max}, {@code absent} when it is null; anything else is a 400
     * problem naming {@code name}.
     */
    public static int between(String name, String text, int min, int max, int absent) {
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw ApiException.badRequest(name, name + " is a whole number from " + min + " to " + max);
    }
}
