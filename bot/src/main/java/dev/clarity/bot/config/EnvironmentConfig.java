package dev.clarity.bot.config;

import dev.clarity.migrations.DatabaseLocation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link ClarityConfig} from environment variables. Every problem becomes a {@link ConfigException}
 * whose message names the variable, says what is wrong and gives an example of a good value.
 */
public final class EnvironmentConfig {
    public static final String DATABASE_URL = "CLARITY_DATABASE_URL";
    public static final String DATA_DIR = "CLARITY_DATA_DIR";
    public static final String PORT = "CLARITY_PORT";
    public static final String LOG_FORMAT = "CLARITY_LOG_FORMAT";
    public static final String APP_ID = "GITHUB_APP_ID";
    public static final String PRIVATE_KEY = "GITHUB_PRIVATE_KEY";
    public static final String PRIVATE_KEY_PATH = "GITHUB_PRIVATE_KEY_PATH";
    public static final String WEBHOOK_SECRET = "GITHUB_WEBHOOK_SECRET";
    public static final String API_URL = "GITHUB_API_URL";
    public static final String PUBLIC_URL = "CLARITY_PUBLIC_URL";
    public static final String RUNNER_URLS = "CLARITY_RUNNER_URLS";
    public static final String RUNNER_TOKEN = "CLARITY_RUNNER_TOKEN";
    public static final String RUNNER_PORT = "CLARITY_RUNNER_PORT";
    public static final String SANDBOX = "CLARITY_SANDBOX";
    public static final String DOCKER_HOST = "DOCKER_HOST";
    public static final String MAX_PARALLEL = "CLARITY_MAX_PARALLEL";
    public static final String METRICS_TOKEN = "CLARITY_METRICS_TOKEN";
    public static final String MODEL_PRICES = "CLARITY_MODEL_PRICES";
    public static final String SECRETS_KEY = "CLARITY_SECRETS_KEY";

    /** The shortest bearer token the bot and the runner service accept. */
    public static final int MIN_RUNNER_TOKEN_LENGTH = 16;

    private static final String TOKEN_EXAMPLE = " (for example " + RUNNER_TOKEN + "=$(openssl rand -hex 32))";

    private final Map<String, String> env;
    private final Path home;

    private EnvironmentConfig(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** Reads the process environment. */
    public static ClarityConfig fromSystem() {
        return load(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads the given variables; {@code home} is where the default data directory {@code ~/.clarity} lives.
     *
     * @throws ConfigException for the first variable that is missing or malformed
     */
    public static ClarityConfig load(Map<String, String> env, Path home) {
        return new EnvironmentConfig(env, home).build();
    }

    /**
     * Reads the settings of {@code clarity runner}: {@value #RUNNER_TOKEN} and {@value #DATA_DIR} are required, the
     * token at least {@value #MIN_RUNNER_TOKEN_LENGTH} characters long; {@value #RUNNER_PORT} (default 9001),
     * {@value #MAX_PARALLEL} (steps at once, default 2), {@value #SANDBOX} and {@value #DOCKER_HOST} are optional.
     *
     * @throws ConfigException for the first variable that is missing or malformed
     */
    public static RunnerServiceSettings runnerService(Map<String, String> env, Path home) {
        return new EnvironmentConfig(env, home).runnerService();
    }

    private RunnerServiceSettings runnerService() {
        String token = value(RUNNER_TOKEN)
                .orElseThrow(() -> new ConfigException(
                        RUNNER_TOKEN,
                        RUNNER_TOKEN + " is missing: the runner's HTTP API needs it, the same value as the bot's"
                                + TOKEN_EXAMPLE));
        longEnough(token);
        if (value(DATA_DIR).isEmpty()) {
            throw new ConfigException(
                    DATA_DIR,
                    DATA_DIR + " is missing: the runner keeps its workspaces there (for example " + DATA_DIR
                            + "=/var/lib/clarity-runner)");
        }
        return new RunnerServiceSettings(
                token,
                dataDir(),
                port(RUNNER_PORT, 9001),
                positiveInt(MAX_PARALLEL, 2, 1000, "2"),
                sandbox(),
                value(DOCKER_HOST).map(this::dockerHost));
    }

    private ClarityConfig build() {
        Path dataDir = dataDir();
        return new ClarityConfig(
                database(dataDir),
                dataDir,
                port(PORT, 8080),
                logFormat(),
                github(),
                value(PUBLIC_URL).map(v -> httpUrl(PUBLIC_URL, v, "https://clarity.example.com")),
                runner(),
                sandbox(),
                value(DOCKER_HOST).map(this::dockerHost),
                positiveInt(MAX_PARALLEL, 5, 1000, "5"),
                metricsToken(),
                modelPrices(),
                secretsKey());
    }

    private Optional<String> modelPrices() {
        Optional<String> spec = value(MODEL_PRICES);
        spec.ifPresent(v -> {
            try {
                dev.clarity.bot.usage.PriceTable.defaultsWith(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(MODEL_PRICES, e.getMessage());
            }
        });
        return spec;
    }

    private Optional<String> secretsKey() {
        Optional<String> key = value(SECRETS_KEY);
        key.ifPresent(v -> {
            byte[] bytes;
            try {
                bytes = java.util.Base64.getDecoder().decode(v);
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                throw new ConfigException(
                        SECRETS_KEY,
                        SECRETS_KEY + " is not 32 bytes in base64 (for example " + SECRETS_KEY
                                + "=$(openssl rand -base64 32))");
            }
        });
        return key;
    }

    private Optional<String> metricsToken() {
        Optional<String> token = value(METRICS_TOKEN);
        if (token.isPresent() && token.get().length() < 16) {
            throw new ConfigException(
                    METRICS_TOKEN,
                    METRICS_TOKEN + " is too short (" + token.get().length()
                            + " characters, at least 16 are needed) (for example " + METRICS_TOKEN
                            + "=$(openssl rand -hex 32))");
        }
        return token;
    }

    private Optional<String> value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private Path dataDir() {
        Optional<String> v = value(DATA_DIR);
        if (v.isEmpty()) {
            return home.resolve(".clarity");
        }
        try {
            Path p = Path.of(v.get());
            if (!p.isAbsolute()) {
                throw new ConfigException(
                        DATA_DIR,
                        DATA_DIR + " must be an absolute path, got \"" + v.get() + "\" (for example " + DATA_DIR
                                + "=/var/lib/clarity)");
            }
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ConfigException(
                        DATA_DIR,
                        DATA_DIR + " must name a directory, but \"" + v.get() + "\" is a file (for example " + DATA_DIR
                                + "=/var/lib/clarity)");
            }
            return p;
        } catch (InvalidPathException e) {
            throw new ConfigException(
                    DATA_DIR,
                    DATA_DIR + " is not a valid path: \"" + v.get() + "\" (for example " + DATA_DIR
                            + "=/var/lib/clarity)");
        }
    }

    private DatabaseLocation database(Path dataDir) {
        Optional<String> v = value(DATABASE_URL);
        if (v.isEmpty()) {
            return new DatabaseLocation.Embedded(dataDir, true);
        }
        return DatabaseUrl.parse(v.get())
                .orElseThrow(() -> new ConfigException(
                        DATABASE_URL,
                        DATABASE_URL
                                + " must be a PostgreSQL URL, got \"" + redactUserInfo(v.get())
                                + "\" (for example " + DATABASE_URL
                                + "=postgresql://clarity:secret@localhost:5432/clarity)"));
    }

    private int port(String name, int fallback) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int p = Integer.parseInt(v.get());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(
                name,
                name + " must be a port number from 1 to 65535, got \"" + v.get() + "\" (for example " + name + "="
                        + fallback + ")");
    }

    private int positiveInt(String name, int fallback, int max, String example) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(
                name,
                name + " must be a whole number from 1 to " + max + ", got \"" + v.get() + "\" (for example " + name
                        + "=" + example + ")");
    }

    private LogFormat logFormat() {
        return value(LOG_FORMAT)
                .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "text" -> LogFormat.TEXT;
                    case "json" -> LogFormat.JSON;
                    default ->
                        throw new ConfigException(
                                LOG_FORMAT,
                                LOG_FORMAT + " must be text or json, got \"" + v + "\" (for example " + LOG_FORMAT
                                        + "=json)");
                })
                .orElse(LogFormat.TEXT);
    }

    private SandboxChoice sandbox() {
        return value(SANDBOX)
                .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "docker" -> SandboxChoice.DOCKER;
                    case "process" -> SandboxChoice.PROCESS;
                    default ->
                        throw new ConfigException(
                                SANDBOX,
                                SANDBOX + " must be docker or process, got \"" + v + "\" (for example " + SANDBOX
                                        + "=process)");
                })
                .orElse(SandboxChoice.AUTO);
    }

    private String dockerHost(String v) {
        if (v.startsWith("unix://") || v.startsWith("tcp://") || v.startsWith("http://") || v.startsWith("https://")) {
            return v;
        }
        throw new ConfigException(
                DOCKER_HOST,
                DOCKER_HOST + " must start with unix:// or tcp://, got \"" + v + "\" (for example " + DOCKER_HOST
                        + "=unix:///run/clarity-podman.sock)");
    }

    private RunnerSettings runner() {
        List<URI> urls = new ArrayList<>();
        value(RUNNER_URLS).ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    urls.add(httpUrl(RUNNER_URLS, part.trim(), "http://runner-1:9001,http://runner-2:9001"));
                }
            }
        });
        String token = value(RUNNER_TOKEN).orElse(null);
        if (!urls.isEmpty() && token == null) {
            throw new ConfigException(
                    RUNNER_TOKEN,
                    RUNNER_TOKEN + " is missing: it is required when " + RUNNER_URLS + " is set" + TOKEN_EXAMPLE);
        }
        if (token != null) {
            longEnough(token);
        }
        return new RunnerSettings(urls, token, port(RUNNER_PORT, 9001));
    }

    private static void longEnough(String token) {
        if (token.length() < MIN_RUNNER_TOKEN_LENGTH) {
            throw new ConfigException(
                    RUNNER_TOKEN,
                    RUNNER_TOKEN + " is too short (" + token.length() + " characters, at least "
                            + MIN_RUNNER_TOKEN_LENGTH + " are needed)" + TOKEN_EXAMPLE);
        }
    }

    private GitHubSettings github() {
        URI apiUrl = value(API_URL)
                .map(v -> httpUrl(API_URL, v, "https://github.example.com/api/v3"))
                .orElse(URI.create("https://api.github.com"));
        Optional<String> appId = value(APP_ID);
        Optional<String> keyInline = value(PRIVATE_KEY);
        Optional<String> keyPath = value(PRIVATE_KEY_PATH);
        Optional<String> secret = value(WEBHOOK_SECRET);
        if (appId.isEmpty() && keyInline.isEmpty() && keyPath.isEmpty() && secret.isEmpty()) {
            return new GitHubSettings.Absent(apiUrl);
        }
        List<String> missing = new ArrayList<>();
        if (appId.isEmpty()) {
            missing.add(APP_ID);
        }
        if (keyInline.isEmpty() && keyPath.isEmpty()) {
            missing.add(PRIVATE_KEY + " or " + PRIVATE_KEY_PATH);
        }
        if (secret.isEmpty()) {
            missing.add(WEBHOOK_SECRET);
        }
        if (!missing.isEmpty()) {
            return new GitHubSettings.Partial(apiUrl, missing);
        }
        long id;
        try {
            id = Long.parseLong(appId.get());
            if (id <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    APP_ID,
                    APP_ID + " must be the App's numeric id, got \"" + appId.get() + "\" (for example " + APP_ID
                            + "=123456)");
        }
        if (keyInline.isPresent() && keyPath.isPresent()) {
            throw new ConfigException(
                    PRIVATE_KEY,
                    "set only one of " + PRIVATE_KEY + " and " + PRIVATE_KEY_PATH + ", not both (for example "
                            + PRIVATE_KEY_PATH + "=/etc/clarity/app.pem)");
        }
        String pem = keyInline.map(k -> k.replace("\\n", "\n")).orElseGet(() -> readKey(keyPath.get()));
        if (!pem.contains("-----BEGIN") || !pem.contains("PRIVATE KEY-----")) {
            String var = keyInline.isPresent() ? PRIVATE_KEY : PRIVATE_KEY_PATH;
            throw new ConfigException(
                    var,
                    var + " does not hold a PEM private key (no \"-----BEGIN … PRIVATE KEY-----\""
                            + " line) (for example " + PRIVATE_KEY_PATH
                            + "=/etc/clarity/app.pem, the file GitHub let you"
                            + " download)");
        }
        if (secret.get().length() < 8) {
            throw new ConfigException(
                    WEBHOOK_SECRET,
                    WEBHOOK_SECRET + " is too short (" + secret.get().length()
                            + " characters, at least 8 are needed) (for example " + WEBHOOK_SECRET
                            + "=$(openssl rand -hex 20))");
        }
        return new GitHubSettings.Complete(apiUrl, id, pem, secret.get());
    }

    private String readKey(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException | InvalidPathException | java.io.UncheckedIOException e) {
            throw new ConfigException(
                    PRIVATE_KEY_PATH,
                    PRIVATE_KEY_PATH + " names a file that cannot be read: \"" + path + "\" (for example "
                            + PRIVATE_KEY_PATH + "=/etc/clarity/app.pem)");
        }
    }

    private static URI httpUrl(String name, String v, String example) {
        try {
            URI u = new URI(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new ConfigException(
                name,
                name + " must be an http or https URL, got \"" + v + "\" (for example " + name + "=" + example + ")");
    }

    static String redactUserInfo(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    /** Turns {@code postgresql://user:pass@host:port/db} or a JDBC URL into a location. */
    static final class DatabaseUrl {
        private DatabaseUrl() {}

        static Optional<DatabaseLocation> parse(String raw) {
            String v = raw.startsWith("jdbc:") ? raw.substring(5) : raw;
            if (!v.startsWith("postgresql://") && !v.startsWith("postgres://")) {
                return Optional.empty();
            }
            URI u;
            try {
                u = new URI(v.replaceFirst("^postgres(ql)?://", "http://"));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() <= 1) {
                return Optional.empty();
            }
            String user = null;
            String password = null;
            if (u.getRawUserInfo() != null) {
                String[] parts = u.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            String jdbc = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
                    + u.getRawPath() + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
            return Optional.of(new DatabaseLocation.External(jdbc, user, password));
        }
    }
}
