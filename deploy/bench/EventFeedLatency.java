import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit → answer latency of the event feed's long poll, on several api-services of one database at once
 * (deploy/bench/event-feed.sh), all following one project. Per round and per service (their order alternates by
 * round): a long poll ({@code GET /v1/events?wait_seconds=10&since=<the cursor after every event so far>}) is sent,
 * left waiting a random 200-1200 ms (so the commit falls anywhere in a poll interval), then one server action (started
 * and finished, one transaction) is written with JDBC and committed; the time is from {@code commit()} returning to the answer with that event read.
 * Prints one line per service: its name and its samples in ms (microsecond precision).
 *
 * <p>Run with the PostgreSQL driver on the class path: {@code java -cp postgresql.jar EventFeedLatency.java
 * <jdbc url> <user> <password> <project id> <rounds> <name>=<base url>=<token>...}
 */
public final class EventFeedLatency {
    private static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String jdbc = args[0];
        String user = args[1];
        String password = args[2];
        String project = args[3];
        int rounds = Integer.parseInt(args[4]);
        List<String[]> services = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            services.add(args[i].split("=", 3));
        }
        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(20261130);
        List<List<Double>> samples = new ArrayList<>();
        for (String[] service : services) {
            samples.add(new ArrayList<>());
        }
        try (Connection database = DriverManager.getConnection(jdbc, user, password)) {
            database.setAutoCommit(false);
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < services.size(); k++) {
                    int s = (round + k) % services.size(); // who goes first alternates
                    String[] service = services.get(s);
                    Double ms = null;
                    for (int attempt = 0; ms == null; attempt++) {
                        if (attempt == 5) {
                            throw new IllegalStateException(service[0] + ": 5 attempts without a clean sample");
                        }
                        ms = sample(http, database, project, service, random);
                    }
                    samples.get(s).add(ms);
                }
            }
        }
        for (int s = 0; s < services.size(); s++) {
            StringBuilder line = new StringBuilder(services.get(s)[0]);
            for (double ms : samples.get(s)) {
                line.append(' ').append(String.format("%.3f", ms));
            }
            System.out.println(line);
        }
    }

    /**
     * One sample on one service, in ms; null when its long poll answered before the commit (with an event of an
     * earlier sample that its cursor, read just before, did not show yet): that one is taken again.
     */
    private static Double sample(HttpClient http, Connection database, String project, String[] service,
                                 Random random) throws Exception {
        CompletableFuture<long[]> answered = new CompletableFuture<>();
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(get(service,
                "/v1/events?wait_seconds=10&since=" + end(http, service)), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> answered.complete(new long[] {System.nanoTime()}));
        Thread.sleep(200 + random.nextInt(1000));
        if (poll.isDone()) {
            System.err.println(service[0] + ": answered before the commit, taken again: " + poll.get().body());
            return null;
        }
        UUID server = UUID.randomUUID();
        write(database, project, server);
        long committed = System.nanoTime();
        long at = answered.get(15, TimeUnit.SECONDS)[0];
        HttpResponse<String> response = poll.get();
        if (response.statusCode() != 200) {
            throw new IllegalStateException(service[0] + " answered " + response.statusCode() + ": " + response.body());
        }
        if (!response.body().contains(server.toString())) {
            System.err.println(service[0] + ": answered without the event, taken again: " + response.body());
            return null;
        }
        return (at - committed) / 1e6;
    }

    /** One server action, started and finished, in one committed transaction (as Stratus records what it did). */
    private static void write(Connection database, String project, UUID server) throws Exception {
        try (PreparedStatement insert = database.prepareStatement("INSERT INTO api.instance_action (id, instance_id,"
                + " project_id, request_id, action, user_id, started_at, finished_at, result)"
                + " VALUES (?, ?, ?, ?, 'reboot', NULL, ?, ?, 'success')")) {
            OffsetDateTime now = OffsetDateTime.now();
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, server);
            insert.setString(3, project);
            insert.setString(4, "bench-" + UUID.randomUUID());
            insert.setObject(5, now);
            insert.setObject(6, now);
            insert.executeUpdate();
        }
        database.commit();
    }

    /** The cursor after every event there is now. */
    private static String end(HttpClient http, String[] service) throws Exception {
        String cursor = "";
        while (true) {
            String body = http.send(get(service, "/v1/events?limit=1000" + (cursor.isEmpty() ? "" : "&since="
                    + cursor)), HttpResponse.BodyHandlers.ofString()).body();
            String next = next(body);
            if (body.contains("\"events\":[]")) {
                return next;
            }
            cursor = next;
        }
    }

    private static String next(String body) {
        Matcher matcher = NEXT.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no next in " + body);
        }
        return matcher.group(1);
    }

    private static HttpRequest get(String[] service, String path) {
        return HttpRequest.newBuilder(URI.create(service[1] + path)).header("Authorization", "Bearer " + service[2])
                .timeout(java.time.Duration.ofSeconds(30)).GET().build();
    }
}
