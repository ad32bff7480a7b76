import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Publishes realistic task lifecycles through the publisher API so a local dashboard shows life at once:
 * a backlog of finished executions from the last hour, then new executions that start and finish live,
 * some delivered out of order (the terminal event before its start). Runs until stopped.
 *
 * <pre>java DemoProducer.java PUBLISHER_URL API_KEY</pre>
 */
public class DemoProducer {

    private static final String[] PROJECTS = {"acme/rocket", "acme/website", "globex/payments", "initech/reports"};
    private static final String[] TASKS = {"Generate release notes", "Deploy to staging", "Upgrade dependencies",
        "Fix flaky test", "Translate docs", "Rotate credentials", "Nightly data export"};
    private static final String[] FLOWS = {"slack/command", "github/issue-comment", "schedule/nightly"};
    private static final String[][] ACTORS = {{"slack", "U024BE7LH"}, {"slack", "U0G9QF9C6"}, {"github", "octocat"},
        {"github", "hubot"}};
    private static final String[] ERRORS = {"Deployment timed out after 600 s", "Tests failed: 3 of 412",
        "Merge conflict in package-lock.json", "Rate limited by the GitHub API"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random();
    private final URI batchUri;
    private final String apiKey;
    private int published;

    DemoProducer(String publisherUrl, String apiKey) {
        this.batchUri = URI.create(publisherUrl + "/v1/events/batch");
        this.apiKey = apiKey;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java DemoProducer.java PUBLISHER_URL API_KEY");
            System.exit(2);
        }
        new DemoProducer(args[0], args[1]).run();
    }

    void run() throws Exception {
        publishBacklog(40);
        DelayQueue<Finish> running = new DelayQueue<>();
        while (true) {
            Execution execution = newExecution(Instant.now());
            boolean outOfOrder = random.nextInt(10) == 0;
            if (!outOfOrder) {
                post(List.of(execution.started()));
            }
            running.add(new Finish(execution, outOfOrder, 3_000 + random.nextInt(9_000)));
            long nextStart = System.currentTimeMillis() + 1_000 + random.nextInt(2_000);
            for (Finish due; (due = running.poll(Math.max(0, nextStart - System.currentTimeMillis()),
                    TimeUnit.MILLISECONDS)) != null; ) {
                String end = due.execution().finished(Instant.now());
                post(due.outOfOrder() ? List.of(end, due.execution().started()) : List.of(end));
            }
        }
    }

    private void publishBacklog(int executions) throws Exception {
        List<String> events = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < executions; i++) {
            Execution execution = newExecution(now.minusSeconds(60L * (executions - i) + random.nextInt(50)));
            events.add(execution.started());
            if (i < executions - 5) {
                events.add(execution.finished(execution.startedAt().plusSeconds(5 + random.nextInt(240))));
            }
        }
        post(events);
    }

    private Execution newExecution(Instant startedAt) {
        String[] actor = ACTORS[random.nextInt(ACTORS.length)];
        return new Execution("demo-" + UUID.randomUUID().toString().substring(0, 8), pick(TASKS), pick(PROJECTS),
                pick(FLOWS), actor[0], actor[1], startedAt.truncatedTo(ChronoUnit.MILLIS));
    }

    private void post(List<String> events) throws Exception {
        String body = "{\"events\":[" + String.join(",", events) + "]}";
        HttpRequest request = HttpRequest.newBuilder(batchUri)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                System.err.println("publisher answered " + response.statusCode() + ": " + response.body());
                return;
            }
            published += events.size();
            System.out.println("published " + events.size() + " event(s), " + published + " in all");
        } catch (java.io.IOException e) {
            System.err.println("publisher unreachable: " + e);
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private record Finish(Execution execution, boolean outOfOrder, long delayMs, long dueAt) implements Delayed {
        Finish(Execution execution, boolean outOfOrder, long delayMs) {
            this(execution, outOfOrder, delayMs, System.currentTimeMillis() + delayMs);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueAt - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueAt, ((Finish) other).dueAt);
        }
    }

    private final class Execution {
        private final String id;
        private final String task;
        private final String project;
        private final String flow;
        private final String actorProvider;
        private final String actorId;
        private final Instant startedAt;

        Execution(String id, String task, String project, String flow, String actorProvider, String actorId,
                Instant startedAt) {
            this.id = id;
            this.task = task;
            this.project = project;
            this.flow = flow;
            this.actorProvider = actorProvider;
            this.actorId = actorId;
            this.startedAt = startedAt;
        }

        Instant startedAt() {
            return startedAt;
        }

        String started() {
            return event("in_progress", startedAt, "[]", null);
        }

        String finished(Instant at) {
            if (random.nextInt(10) < 7) {
                String links = "[\"https://github.com/" + project + "/pull/" + (100 + random.nextInt(900)) + "\"]";
                return event("success", at, links, null);
            }
            return event("error", at, "[]", ERRORS[random.nextInt(ERRORS.length)]);
        }

        private String event(String status, Instant at, String prLinks, String errorMessage) {
            return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"executionId\":\"" + id + "\",\"taskName\":\"" + task
                    + "\",\"status\":\"" + status + "\",\"project\":\"" + project + "\",\"occurredAt\":\""
                    + at.truncatedTo(ChronoUnit.MILLIS) + "\",\"flow\":\"" + flow + "\",\"actor\":{\"provider\":\""
                    + actorProvider + "\",\"id\":\"" + actorId + "\"},\"prLinks\":" + prLinks
                    + (errorMessage == null ? "" : ",\"error\":{\"message\":\"" + errorMessage + "\",\"type\":\"TaskFailure\"}")
                    + ",\"schemaVersion\":1}";
        }
    }
}
