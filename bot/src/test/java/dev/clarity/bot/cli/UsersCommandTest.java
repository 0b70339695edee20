package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.PasswordChange;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code users add} and {@code users reset} through picocli, against the embedded database of a data directory. */
class UsersCommandTest {
    private static final Pattern PASSWORD = Pattern.compile("One-time password: (\\S+)");

    @TempDir
    Path data;

    private CommandLineTest.Result users(String... args) {
        CommandLine cl = new CommandLine(new UsersCommand(Map.of("CLARITY_DATA_DIR", data.toString())));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CommandLineTest.Result(exit, out.toString(), err.toString());
    }

    private static String password(CommandLineTest.Result r) {
        Matcher m = PASSWORD.matcher(r.out());
        assertThat(m.find()).as("a one-time password in: %s", r.out()).isTrue();
        return m.group(1);
    }

    private Database open() {
        return Database.open(new DatabaseLocation.Embedded(data, true), 2, null);
    }

    @Test
    void reset_prints_a_one_time_password_that_must_be_changed_and_ends_the_persons_sessions() {
        CommandLineTest.Result added = users("add", "ana", "--role", "manager");
        assertThat(added.exit()).isZero();
        String first = password(added);
        String sessionBefore;
        try (Database db = open()) {
            Accounts accounts = DashboardFeature.accounts(db.dsl(), InstantSource.system());
            long ana = accounts.verify("ana", first).orElseThrow();
            assertThat(sessions(db).find(sessions(db).open(ana)).orElseThrow().mustChangePassword())
                    .as("the password printed by users add is a one-time password")
                    .isTrue();
            assertThat(accounts.changePassword(ana, first, "ana-own-password", "ana-own-password", null))
                    .isEqualTo(new PasswordChange.Changed());
            sessionBefore = sessions(db).open(ana);
        }

        CommandLineTest.Result reset = users("reset", "ana");
        assertThat(reset.exit()).isZero();
        assertThat(reset.out()).startsWith("Reset ana (manager). One-time password: ");
        String again = password(reset);

        try (Database db = open()) {
            Accounts accounts = DashboardFeature.accounts(db.dsl(), InstantSource.system());
            assertThat(accounts.verify("ana", "ana-own-password")).isEmpty();
            long ana = accounts.verify("ana", again).orElseThrow();
            assertThat(sessions(db).find(sessionBefore))
                    .as("the session from before the reset")
                    .isEmpty();
            assertThat(sessions(db).find(sessions(db).open(ana)).orElseThrow().mustChangePassword())
                    .isTrue();
        }
    }

    @Test
    void reset_of_an_unknown_login_is_exit_1_with_one_sentence_and_without_a_login_is_exit_2() {
        CommandLineTest.Result unknown = users("reset", "nobody");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.NONE);
        assertThat(unknown.err()).isEqualTo("clarity: There is no account with the login \"nobody\".\n");
        assertThat(unknown.out()).isEmpty();

        CommandLineTest.Result usage = CommandLineTest.run("users", "reset");
        assertThat(usage.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(usage.err()).contains("LOGIN");
    }

    private static Sessions sessions(Database db) {
        return new Sessions(db.dsl(), new Tokens(new SecureRandom()), InstantSource.system(), Duration.ofHours(1));
    }
}
