package dev.stratus.cli.commands;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code stratus completion bash}: the bash completion script (picocli's AutoComplete), for stratus and ./stratus. */
@Command(name = "completion", description = {"Print the bash completion script: source <(stratus completion bash), "
        + "or save it as /etc/bash_completion.d/stratus (./stratus up does)."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (the only one).")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "only bash completion is generated, not "
                    + shell);
        }
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash("stratus", root);
        spec.commandLine().getOut().print(script);
        // the launcher in a checkout is called as ./stratus: the same completion
        spec.commandLine().getOut().println("complete -F _complete_stratus -o default ./stratus");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
