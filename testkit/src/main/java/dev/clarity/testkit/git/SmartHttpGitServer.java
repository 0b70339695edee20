package dev.clarity.testkit.git;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A git server over smart HTTP on loopback, as GitHub serves it to an app: every request (clone, fetch, push) needs
 * basic auth {@code x-access-token:<token>}. Bare repositories live under a directory given at start. Start with
 * {@link #start(Path)}, make repositories with {@link #createRepository(String)}, close when done.
 */
public final class SmartHttpGitServer implements AutoCloseable {
    public static final String USERNAME = "x-access-token";

    private final Server server;
    private final Path root;
    private final String token;
    private volatile java.util.function.Predicate<String> alsoAccepted = t -> false;
    private final AtomicInteger unauthorized = new AtomicInteger();

    private SmartHttpGitServer(Server server, Path root, String token) {
        this.server = server;
        this.root = root;
        this.token = token;
    }

    /** Starts on a free loopback port with a fresh token, serving bare repositories from {@code root}. */
    public static SmartHttpGitServer start(Path root) {
        return start(root, "ghs_" + Long.toHexString(System.nanoTime()) + "TestToken0123456789abcdef");
    }

    public static SmartHttpGitServer start(Path root, String token) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        SmartHttpGitServer git = new SmartHttpGitServer(server, root, token);

        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        servlet.setReceivePackFactory((req, db) -> new ReceivePack(db));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/*");
        Filter auth = (request, response, chain) -> {
            if (git.authorized((HttpServletRequest) request)) {
                chain.doFilter(request, response);
            } else {
                git.unauthorized.incrementAndGet();
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                http.sendError(401);
            }
        };
        context.addFilter(new FilterHolder(auth), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("starting the smart-HTTP git server", e);
        }
        return git;
    }

    private boolean authorized(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String expected = USERNAME + ":" + token;
        byte[] given = Base64.getDecoder().decode(header.substring(6).trim());
        if (MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        String pair = new String(given, StandardCharsets.UTF_8);
        return pair.startsWith(USERNAME + ":") && alsoAccepted.test(pair.substring(USERNAME.length() + 1));
    }

    /**
     * Also accepts the tokens {@code accepted} approves (for example every installation token a fake GitHub issued),
     * as GitHub's git server accepts the installation tokens of its API.
     */
    public SmartHttpGitServer acceptTokens(java.util.function.Predicate<String> accepted) {
        this.alsoAccepted = accepted;
        return this;
    }

    /** Creates an empty bare repository {@code name}.git, or one holding a first commit when {@code seed} is true. */
    public URI createRepository(String name) {
        return createRepository(name, "main");
    }

    /** Creates an empty bare repository {@code name}.git whose HEAD names {@code defaultBranch}. */
    public URI createRepository(String name, String defaultBranch) {
        Path dir = root.resolve(name + ".git");
        try (Git ignored = Git.init()
                .setBare(true)
                .setDirectory(dir.toFile())
                .setInitialBranch(defaultBranch)
                .call()) {
            return url(name);
        } catch (Exception e) {
            throw new IllegalStateException("creating bare repository " + dir, e);
        }
    }

    /** The directory of the bare repository {@code name}, for direct inspection in tests. */
    public Path repositoryDirectory(String name) {
        return root.resolve(name + ".git");
    }

    public URI url(String name) {
        return URI.create("http://127.0.0.1:" + port() + "/" + name + ".git");
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public String token() {
        return token;
    }

    public String username() {
        return USERNAME;
    }

    /** How many requests were refused for missing or wrong credentials. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the smart-HTTP git server", e);
        }
    }
}
