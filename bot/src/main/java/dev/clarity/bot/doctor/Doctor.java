package dev.clarity.bot.doctor;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.config.SandboxChoice;
import dev.clarity.crm.mail.MailConfigException;
import dev.clarity.crm.mail.MailEnvironment;
import dev.clarity.crm.mail.SmtpMailer;
import dev.clarity.crm.mail.SmtpSettings;
import dev.clarity.crm.mail.SmtpTrust;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.migrations.DatabaseStartException;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.DockerSandbox;
import dev.clarity.runner.sandbox.EngineProbe;
import dev.clarity.runner.sandbox.SandboxImage;
import dev.clarity.runner.sandbox.SandboxResources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs every check once and returns the findings in a fixed order. */
public final class Doctor {
    private final ClarityConfig config;
    private final String pathVariable;
    private final Optional<Path> repository;
    private final Map<String, String> env;

    /** Checks the installation, and the tools of the defaults (no repository). */
    public Doctor(ClarityConfig config, String pathVariable) {
        this(config, pathVariable, Optional.empty());
    }

    /** @param repository the repository whose configured tools are checked (its {@code .clarity.yml} at HEAD) */
    public Doctor(ClarityConfig config, String pathVariable, Optional<Path> repository) {
        this(config, pathVariable, repository, Map.of());
    }

    /** @param env the variables the mail settings are read from ({@code CLARITY_SMTP_URL}, {@code CLARITY_MAIL_FROM}) */
    public Doctor(ClarityConfig config, String pathVariable, Optional<Path> repository, Map<String, String> env) {
        this.config = config;
        this.pathVariable = pathVariable;
        this.repository = repository;
        this.env = Map.copyOf(env);
    }

    public List<Finding> examine() {
        List<Finding> findings = new ArrayList<>(List.of(jdk(), database(), engine(), bubblewrap()));
        Finding image = sandboxImage(SandboxResources.DEFAULT_IMAGE);
        findings.add(image);
        findings.add(github());
        findings.add(mail());
        findings.addAll(tools(image));
        return findings;
    }

    /** The findings on the repository's tools (the defaults' without a repository). */
    List<Finding> tools() {
        return tools(sandboxImage(SandboxResources.DEFAULT_IMAGE));
    }

    private List<Finding> tools(Finding image) {
        return new ToolFindings(repository, containers(image)).examine();
    }

    /** Whether steps run in containers: an engine answers with the image (or the process sandbox is not chosen). */
    private boolean containers(Finding image) {
        return config.sandbox() != SandboxChoice.PROCESS
                && image.ok()
                && EngineProbe.find(config.dockerHost()).isPresent();
    }

    /**
     * Whether the container engine holds {@code image}. Without an engine, or with {@code CLARITY_SANDBOX=process},
     * it is not needed; a missing image is required only when {@code CLARITY_SANDBOX=docker} (otherwise the process
     * sandbox is used instead), and the fix is the command that builds it.
     */
    Finding sandboxImage(String image) {
        if (config.sandbox() == SandboxChoice.PROCESS) {
            return Finding.pass("sandbox image", "not used: CLARITY_SANDBOX=process");
        }
        Optional<String> host = EngineProbe.find(config.dockerHost());
        if (host.isEmpty()) {
            return Finding.pass("sandbox image", "not needed: no container engine, steps run in the process sandbox");
        }
        boolean present;
        try {
            present = SandboxImage.exists(DockerSandbox.client(host.get()), image);
        } catch (RuntimeException e) {
            return Finding.fail(
                    "sandbox image",
                    config.sandbox() == SandboxChoice.DOCKER,
                    "could not ask " + host.get() + " for " + image + " (" + e.getMessage() + ")",
                    "check the container engine");
        }
        return present
                ? Finding.pass("sandbox image", image + " is present in " + host.get())
                : Finding.fail(
                        "sandbox image",
                        config.sandbox() == SandboxChoice.DOCKER,
                        image + " is not in the engine at " + host.get()
                                + (config.sandbox() == SandboxChoice.DOCKER
                                        ? ", and CLARITY_SANDBOX=docker needs it"
                                        : "; steps run in the process sandbox instead"),
                        "./clarity runner --build-image");
    }

    Finding jdk() {
        Runtime.Version v = Runtime.version();
        return v.feature() >= 21
                ? Finding.pass("JDK", "Java " + v + " (" + System.getProperty("java.home") + ")")
                : Finding.fail(
                        "JDK", true, "Java " + v + " is older than 21", "install a JDK 21 or newer and set JAVA_HOME");
    }

    Finding database() {
        String where = switch (config.database()) {
            case DatabaseLocation.Embedded e -> "embedded PostgreSQL in " + e.dataDir();
            case DatabaseLocation.External x -> "PostgreSQL at " + x.jdbcUrl();
        };
        try (Database db = Database.open(config.database(), 1, null)) {
            return Finding.pass("database", where + ", reachable, schema version " + db.schemaVersion());
        } catch (DatabaseStartException e) {
            if (e.getMessage().contains("in use by another Clarity process")) {
                return Finding.pass("database", where + ", in use by a running Clarity process");
            }
            return Finding.fail(
                    "database",
                    true,
                    e.getMessage(),
                    config.database() instanceof DatabaseLocation.External
                            ? "check " + EnvironmentConfig.DATABASE_URL + " and that the server accepts connections"
                            : "check that " + EnvironmentConfig.DATA_DIR
                                    + " is writable, or unset it to use ~/.clarity");
        }
    }

    Finding engine() {
        return EngineProbe.find(config.dockerHost())
                .map(host -> Finding.pass("container engine", host + " answers"))
                .orElseGet(() -> Finding.fail(
                        "container engine",
                        false,
                        config.dockerHost()
                                        .map(h -> "DOCKER_HOST=" + h + " does not answer")
                                        .orElse("no engine answers on "
                                                + String.join(", ", EngineProbe.DEFAULT_SOCKETS))
                                + "; the process sandbox will be used",
                        "start one, e.g. 'podman system service --time=0 unix:///run/clarity-podman.sock &' and"
                                + " DOCKER_HOST=unix:///run/clarity-podman.sock"));
    }

    Finding bubblewrap() {
        return BubblewrapProbe.find(pathVariable)
                .map(p -> Finding.pass("bubblewrap", p.toString()))
                .orElseGet(() -> Finding.fail(
                        "bubblewrap",
                        false,
                        "bwrap is not on PATH; the process sandbox would run tools without isolation",
                        "apt-get install bubblewrap"));
    }

    /**
     * Mail: not configured (nothing is sent, which is allowed), malformed ({@code serve} refuses to start), or
     * configured, when the server is greeted (EHLO, STARTTLS and login as configured) to see that it answers; the
     * finding says how the connection is protected (plain, STARTTLS required, TLS; which certificates are trusted).
     */
    Finding mail() {
        Optional<SmtpSettings> smtp;
        try {
            smtp = MailEnvironment.read(env);
        } catch (MailConfigException e) {
            return Finding.fail(
                    "mail", true, e.getMessage(), "correct " + e.variable() + ", or unset both mail variables");
        }
        if (smtp.isEmpty()) {
            return Finding.pass(
                    "mail",
                    "not configured: no mail is sent (set " + MailEnvironment.SMTP_URL + " and "
                            + MailEnvironment.MAIL_FROM + " to send it)");
        }
        SmtpSettings s = smtp.get();
        return new SmtpMailer(s, Duration.ofSeconds(10), InstantSource.system())
                .unreachable()
                .map(problem -> Finding.fail(
                        "mail",
                        false,
                        s.address() + " does not answer: " + problem + "; mail waits in the outbox (" + s.protection()
                                + ")",
                        "check " + MailEnvironment.SMTP_URL + ", " + SmtpTrust.SMTP_CA
                                + " and that the server accepts connections from here"))
                .orElseGet(() -> Finding.pass(
                        "mail", s.address() + " answers (EHLO), sending as " + s.from() + "; " + s.protection()));
    }

    Finding github() {
        return switch (config.github()) {
            case GitHubSettings.Absent a -> Finding.pass("GitHub App", "not configured: local mode only");
            case GitHubSettings.Partial p ->
                Finding.fail(
                        "GitHub App",
                        true,
                        "partly configured, missing " + String.join(", ", p.missing()),
                        "set " + String.join(" and ", p.missing())
                                + ", or unset every GITHUB_* variable for local mode");
            case GitHubSettings.Complete c -> Finding.pass("GitHub App", "App " + c.appId() + " via " + c.apiUrl());
        };
    }
}
