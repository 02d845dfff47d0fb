package dev.stratus.agent.driver.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The clients of libvirtd, through virt-admin: lets a test drop the driver's connection on purpose. */
final class LibvirtClients {

    private static final Pattern CLIENT_ID = Pattern.compile("^\\s*(\\d+)\\s+unix\\b", Pattern.MULTILINE);
    private static final Pattern PROCESS_ID = Pattern.compile("unix_process_id\\s*:\\s*(\\d+)");

    private LibvirtClients() {
    }

    /** Ids of the libvirtd clients opened by process {@code pid}. */
    static List<String> ofProcess(String pid) throws Exception {
        List<String> ids = new ArrayList<>();
        Matcher clients = CLIENT_ID.matcher(TestGuest.run(List.of("virt-admin", "srv-clients-list", "libvirtd")));
        while (clients.find()) {
            String info = quietly(List.of("virt-admin", "client-info", "libvirtd", clients.group(1)));
            Matcher process = PROCESS_ID.matcher(info);
            if (process.find() && process.group(1).equals(pid)) {
                ids.add(clients.group(1));
            }
        }
        return ids;
    }

    /** The output of {@code command}, empty if it failed (a client may leave while we look at it). */
    private static String quietly(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return process.waitFor() == 0 ? output : "";
    }

    static void disconnect(String clientId) {
        try {
            TestGuest.run(List.of("virt-admin", "client-disconnect", "libvirtd", clientId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
