package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class LiveLogStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_late_subscriber_gets_the_backlog_then_live_lines_in_order_and_resumes_without_gap_or_duplicate()
            throws Exception {
        long id = startedExecution();
        for (int i = 1; i <= 20; i++) {
            d.controls.event(id, "log", "1.1", "IMPLEMENT", "info", "backlog line " + i);
        }
        HttpSession tom = HttpSession.signedIn(d, "tom");
        Listener first = new Listener();
        WebSocket ws = connect(tom, "/ws/executions/" + id + "/log?after=0", first);
        await(() -> first.seqs().size() >= 21, "backlog of 21 lines");
        d.controls.event(id, "log", "1.1", "IMPLEMENT", "info", "live line A");
        await(() -> first.seqs().size() >= 22, "live line A");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        long last = first.seqs().getLast();
        for (int i = 0; i < 5; i++) {
            d.controls.event(id, "log", "1.1", "IMPLEMENT", "info", "while away " + i);
        }
        Listener second = new Listener();
        WebSocket again = connect(tom, "/ws/executions/" + id + "/log?after=" + last, second);
        await(() -> second.seqs().size() >= 5, "the 5 lines written while disconnected");
        d.controls.event(id, "log", "1.1", "IMPLEMENT", "info", "live line B");
        await(() -> second.seqs().size() >= 6, "live line B");
        again.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        List<Long> all = new ArrayList<>(first.seqs());
        all.addAll(second.seqs());
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= all.size(); s++) {
            expected.add(s);
        }
        assertThat(all).isEqualTo(expected);
        assertThat(first.messages()).contains("backlog line 1", "backlog line 20", "live line A");
        assertThat(second.messages()).startsWith("while away 0").contains("live line B");
    }

    @Test
    void the_grid_socket_signals_when_an_execution_changes() throws Exception {
        long id = startedExecution();
        HttpSession mia = HttpSession.signedIn(d, "mia");
        Listener l = new Listener();
        WebSocket ws = connect(mia, "/ws/grid", l);
        await(() -> l.raw.stream().anyMatch(m -> m.contains("hello")), "hello");
        d.controls.badge(id, "PAUSED");
        await(() -> l.raw.stream().anyMatch(m -> m.contains("\"grid\"")), "a grid signal");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void the_log_socket_is_refused_without_a_session_and_to_a_client() {
        long id = d.globexExecution;
        assertThatThrownBy(() -> connect(new HttpSession(d), "/ws/executions/" + id + "/log", new Listener()))
                .isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() ->
                        connect(HttpSession.signedIn(d, "carol"), "/ws/executions/" + id + "/log", new Listener()))
                .isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> connect(new HttpSession(d), "/ws/grid", new Listener()))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void a_socket_opened_from_a_foreign_page_or_another_port_of_the_same_host_is_refused() throws Exception {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        String log = "/ws/executions/" + d.acmeExecution + "/log";
        for (String origin : List.of(
                "http://evil.example",
                "http://127.0.0.1:" + (d.port() + 1),
                "http://127.0.0.1",
                "https://127.0.0.1:" + d.port() + ".evil.example",
                "null")) {
            assertThatThrownBy(() -> connect(tom, log, origin, new Listener()))
                    .as(origin)
                    .isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> connect(tom, "/ws/grid", origin, new Listener()))
                    .as(origin)
                    .isInstanceOf(ExecutionException.class);
        }
        Listener own = new Listener();
        WebSocket ws = connect(tom, "/ws/grid", "http://127.0.0.1:" + d.port(), own);
        await(() -> own.raw.stream().anyMatch(m -> m.contains("hello")), "hello on the page's own origin");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void sockets_whose_session_signed_out_are_closed_while_open() throws Exception {
        long id = startedExecution();
        HttpSession tom = HttpSession.signedIn(d, "tom");
        Listener log = new Listener();
        Listener grid = new Listener();
        connect(tom, "/ws/executions/" + id + "/log?after=0", log);
        connect(tom, "/ws/grid", grid);
        d.controls.event(id, "log", "1.1", "IMPLEMENT", "info", "before signing out");
        await(() -> log.messages().contains("before signing out"), "the line sent while signed in");

        assertThat(tom.post("/logout", java.util.Map.of(), true).statusCode()).isEqualTo(303);

        assertThat(log.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1008 sign in again");
        assertThat(grid.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1008 sign in again");
    }

    @Test
    void a_log_socket_of_a_team_member_taken_off_the_project_is_closed_and_the_one_still_on_it_goes_on()
            throws Exception {
        String suffix = Long.toString(System.nanoTime());
        var dsl = d.database.dsl();
        long customer = TestDashboard.customer(dsl, "Live R " + suffix, "live-r-" + suffix);
        long project = TestDashboard.project(dsl, customer, "Live R " + suffix, "live-r/p-" + suffix);
        String leaving = "live-leaving-" + suffix;
        String staying = "live-staying-" + suffix;
        d.account(leaving, "team_member", null);
        d.account(staying, "team_member", null);
        TestDashboard.member(dsl, leaving, project);
        TestDashboard.member(dsl, staying, project);
        long execution = d.failedExecution(project);
        Listener gone = new Listener();
        Listener kept = new Listener();
        connect(HttpSession.signedIn(d, leaving), "/ws/executions/" + execution + "/log?after=0", gone);
        WebSocket keptSocket =
                connect(HttpSession.signedIn(d, staying), "/ws/executions/" + execution + "/log?after=0", kept);

        dsl.deleteFrom(dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS)
                .where(dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS.PROJECT_ID.eq(project))
                .and(dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS.PERSON_ID.eq(
                        dsl.select(dev.clarity.migrations.jooq.Tables.PEOPLE.ID)
                                .from(dev.clarity.migrations.jooq.Tables.PEOPLE)
                                .where(dev.clarity.migrations.jooq.Tables.PEOPLE.LOGIN.eq(leaving))))
                .execute();

        assertThat(gone.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1008 No such execution.");
        d.controls.event(execution, "log", "1.1", "IMPLEMENT", "info", "after the change");
        await(() -> kept.messages().contains("after the change"), "the line to the member still on the project");
        assertThat(kept.closed).isNotDone();
        keptSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    private long startedExecution() {
        var outcome = d.controls.start(new dev.clarity.dashboard.controls.StartRequest(
                d.acmeProject, new dev.clarity.dashboard.controls.Actor("tom", "cli"), null, null, null, null, null));
        return ((dev.clarity.dashboard.controls.ControlOutcome.Accepted) outcome).executionId();
    }

    private WebSocket connect(HttpSession s, String path, Listener listener) throws Exception {
        return connect(s, path, null, listener);
    }

    private WebSocket connect(HttpSession s, String path, String origin, Listener listener) throws Exception {
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", s.cookieHeader());
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + d.port() + path), listener)
                .get(5, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            synchronized (condition) {
                condition.wait(20); // a bounded wait on a condition, re-checked; not a fixed sleep
            }
        }
    }

    /** Collects text messages (whole, even when split into parts). */
    static final class Listener implements WebSocket.Listener {
        final List<String> raw = new CopyOnWriteArrayList<>();
        /** "code reason" once the server closed the socket. */
        final java.util.concurrent.CompletableFuture<String> closed = new java.util.concurrent.CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                raw.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>();
            for (String m : raw) {
                try {
                    JsonNode n = JSON.readTree(m);
                    if (n.path("type").asText().equals("events")) {
                        n.path("items").forEach(out::add);
                    }
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
            return out;
        }

        List<Long> seqs() {
            return events().stream().map(n -> n.get("seq").asLong()).toList();
        }

        List<String> messages() {
            return events().stream().map(n -> n.get("message").asText()).toList();
        }
    }
}
