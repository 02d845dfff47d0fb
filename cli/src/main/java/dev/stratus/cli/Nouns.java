package dev.stratus.cli;

import dev.stratus.cli.commands.CompletionCommand;
import dev.stratus.cli.commands.FlavorCommand;
import dev.stratus.cli.commands.FloatingIpCommand;
import dev.stratus.cli.commands.HostCommand;
import dev.stratus.cli.commands.KeyPairCommand;
import dev.stratus.cli.commands.LoginCommand;
import dev.stratus.cli.commands.LogoutCommand;
import dev.stratus.cli.commands.NetworkCommand;
import dev.stratus.cli.commands.QuotaCommand;
import dev.stratus.cli.commands.RouterCommand;
import dev.stratus.cli.commands.RuleCommand;
import dev.stratus.cli.commands.SecurityGroupCommand;
import dev.stratus.cli.commands.SubnetCommand;
import dev.stratus.cli.commands.TokenCommand;
import dev.stratus.cli.commands.events.EventsCommand;
import dev.stratus.cli.commands.image.ImageCommand;
import dev.stratus.cli.commands.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

import java.util.List;
import java.util.Set;

/**
 * The root's subcommands. Picocli builds a command's whole model (every verb, option and description) when it is
 * added, which is most of the CLI's start time: a command line that names its noun gets that noun only; without one
 * (help, completion, a typo to suggest for) every noun is added.
 */
final class Nouns {
    static final List<Class<?>> ALL = List.of(ServerCommand.class, ImageCommand.class, KeyPairCommand.class,
            FlavorCommand.class, NetworkCommand.class, SubnetCommand.class, RouterCommand.class,
            FloatingIpCommand.class, SecurityGroupCommand.class, RuleCommand.class, QuotaCommand.class,
            HostCommand.class, EventsCommand.class, LoginCommand.class, LogoutCommand.class, TokenCommand.class,
            CompletionCommand.class, HelpCommand.class);

    /** What describes every noun: the completion script and the help command. */
    private static final Set<String> EVERY_NOUN = Set.of("completion", "help");

    /** The root's options that take a value (the word after them is not the noun). */
    private static final Set<String> WITH_VALUE = Set.of("-o", "--output", "-c", "--column", "--url", "--token");

    private Nouns() {
    }

    static void add(CommandLine root, String... args) {
        String noun = noun(args);
        if (noun != null && !EVERY_NOUN.contains(noun)) {
            for (Class<?> type : ALL) {
                if (names(type).contains(noun)) {
                    root.addSubcommand(instance(type));
                    return;
                }
            }
        }
        // no noun, one that needs them all, or not a noun (picocli's suggestions need them all)
        ALL.forEach(type -> root.addSubcommand(instance(type)));
    }

    /** The first word that is neither an option nor an option's value; null when there is none. */
    static String noun(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("-")) {
                if (WITH_VALUE.contains(arg)) {
                    i++;
                }
                continue;
            }
            return arg;
        }
        return null;
    }

    private static List<String> names(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(command.name()),
                java.util.Arrays.stream(command.aliases())).toList();
    }

    private static Object instance(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
