package dev.stratus.cli.commands;

/** What a delete prints: the id on stdout with --quiet, a line on stderr otherwise. */
final class Deletions {
    private Deletions() {
    }

    static void done(ApiCommand command, String kind, String what) {
        if (command.out().quiet()) {
            command.environment().out().println(what);
        } else {
            command.err().println(kind + " " + what + ": deleted");
        }
    }
}
