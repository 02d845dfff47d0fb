package dev.stratus.cli.commands.server;

/**
 * What a console read shows that the previous one did not: the text after the previous read's last 200 characters,
 * found again in the new one (the API may return a window that has moved on); all of it when they are not found.
 */
final class ConsoleTail {
    private static final int ANCHOR = 200;

    private ConsoleTail() {
    }

    static String fresh(String previous, String now) {
        if (previous.isEmpty()) {
            return now;
        }
        if (now.equals(previous)) {
            return "";
        }
        String anchor = previous.substring(Math.max(0, previous.length() - ANCHOR));
        int at = now.lastIndexOf(anchor);
        return at < 0 ? now : now.substring(at + anchor.length());
    }
}
