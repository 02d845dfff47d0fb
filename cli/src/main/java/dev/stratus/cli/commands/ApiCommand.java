package dev.stratus.cli.commands;

import dev.stratus.cli.Environment;
import dev.stratus.cli.StratusCommand;
import dev.stratus.cli.api.Session;
import dev.stratus.cli.output.Output;
import dev.stratus.client.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What every command needs: the root's session and output, stderr, and a fresh Idempotency-Key for creates (a
 * retried create with the same key gives the same resource).
 */
public abstract class ApiCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** A noun without its verb ({@code stratus server}): a usage error that lists the verbs. */
    @Override
    public Integer call() throws Exception {
        throw new ParameterException(spec.commandLine(), "which " + spec.qualifiedName() + " command? One of: "
                + String.join(", ", spec.subcommands().values().stream().map(CommandLine::getCommandName)
                .distinct().toList()));
    }

    protected StratusCommand root() {
        return (StratusCommand) spec.root().userObject();
    }

    protected Environment environment() {
        return root().environment();
    }

    protected Session session() throws ApiException {
        return root().session();
    }

    protected <T> T api(Function<dev.stratus.client.ApiClient, T> constructor) throws ApiException {
        return session().api(constructor);
    }

    protected Output out() {
        return root().output();
    }

    protected PrintStream err() {
        return environment().err();
    }

    protected static String idempotencyKey() {
        return "stratus-cli-" + UUID.randomUUID();
    }
}
