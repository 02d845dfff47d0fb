package dev.stratus.cli.commands.server;

import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "console", description = "Print a server's serial console; --follow keeps printing what comes.")
final class ServerConsole extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name or id.")
    String server;

    @Option(names = "--tail", paramLabel = "BYTES", description = "Only the last BYTES bytes.")
    Long tail;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output (every second) until interrupted.")
    boolean follow;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        String id = new ServerStates(api, session().mapper()).id(server);
        PrintStream out = environment().out();
        String text = api.getServerConsole(id, tail);
        out.print(text);
        out.flush();
        while (follow) {
            environment().ticker().sleep(Duration.ofSeconds(1));
            String now = api.getServerConsole(id, tail);
            out.print(ConsoleTail.fresh(text, now));
            out.flush();
            text = now;
        }
        return 0;
    }
}
