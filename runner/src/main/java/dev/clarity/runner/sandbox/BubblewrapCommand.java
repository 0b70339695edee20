package dev.clarity.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code bwrap} command line for one step. The step sees, and nothing else:
 *
 * <ul>
 *   <li>{@code /usr} read-only, and {@code /bin}, {@code /sbin}, {@code /lib}, {@code /lib32}, {@code /lib64},
 *       {@code /libx32} as the host has them (the same symbolic link into {@code /usr}, or the directory read-only);
 *   <li>{@code /etc} read-only with its secrets masked: {@code shadow}, {@code shadow-}, {@code gshadow},
 *       {@code gshadow-}, {@code sudoers}, {@code sudoers.d/}, {@code ssh/ssh_host_*_key}, {@code ssl/private/},
 *       {@code security/opasswd}, {@code krb5.keytab}, {@code credstore/}, {@code credstore.encrypted/},
 *       {@code ipsec.secrets}, {@code ppp/chap-secrets}, {@code ppp/pap-secrets}, {@code wireguard/},
 *       {@code NetworkManager/system-connections/}, {@code letsencrypt/}, {@code mysql/debian.cnf} and
 *       {@code docker/key.json} (a file becomes {@code /dev/null} on a {@code nodev} mount, so opening it fails; a
 *       directory becomes an empty read-only tmpfs);
 *   <li>a fresh {@code /dev}, a {@code /proc} of its own PID namespace, a fresh tmpfs {@code /tmp};
 *   <li>{@code HOME} writable: a directory in the fresh {@code /tmp} or a fresh tmpfs of its own (unless it lies in
 *       the workspace or in a read-only system directory, where it stays as it is);
 *   <li>each directory on the step's {@code PATH} outside those, read-only at its own path, unless it is or holds
 *       {@code /}, {@code /root}, {@code /home}, {@code /var}, {@code /run}, {@code /tmp} or the workspace, or lies
 *       beside the workspace (other workspaces): such a directory is left out and a warning names it once;
 *   <li>with network egress, the file {@code /etc/resolv.conf} links to when it lies outside {@code /etc};
 *   <li>the workspace read-write at its own path, its {@code .git} read-only on top (see {@link GitControl});
 *   <li>for a step with the model gateway, its gateway socket at {@link GatewayForwarder#SOCKET}, and the command
 *       runs behind the forwarder (no network namespace but the step's own loopback).
 *   <li>the step's {@link SandboxStep#caches() caches} (the repository's own dependency caches) read-write at their
 *       own paths.
 * </ul>
 *
 * <p>Never {@code /}, {@code /root}, {@code /home}, {@code /var}, {@code /opt}, {@code /srv}, {@code /run}, the data
 * directory or other workspaces. The step runs as uid and gid {@link #STEP_ID} ({@code nobody}) in a new user
 * namespace, with every capability dropped, in new PID, IPC, UTS, cgroup (when the kernel allows) and — without
 * egress — network namespaces, in a new session, and dies with the runner; with bubblewrap 0.8 or newer it cannot
 * create further user namespaces. Outside, the step's uid is the runner's: files it writes belong to the runner, and
 * when the runner is root, files owned by root are the step's own by owner bits — which is why the list above is
 * an allowlist and the secrets in {@code /etc} are masked. Thread-safe.
 */
final class BubblewrapCommand {
    /** The uid and gid a step has inside the sandbox: {@code nobody}, which the host's {@code /etc/passwd} names. */
    static final int STEP_ID = 65534;

    private static final Logger log = LoggerFactory.getLogger(BubblewrapCommand.class);
    private static final List<Path> SYSTEM = Stream.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
            .map(Path::of)
            .toList();
    private static final Path ETC = Path.of("/etc");
    private static final List<String> ETC_SECRETS = List.of(
            "shadow",
            "shadow-",
            "gshadow",
            "gshadow-",
            "sudoers",
            "sudoers.d",
            "ssl/private",
            "security/opasswd",
            "krb5.keytab",
            "credstore",
            "credstore.encrypted",
            "ipsec.secrets",
            "ppp/chap-secrets",
            "ppp/pap-secrets",
            "wireguard",
            "NetworkManager/system-connections",
            "letsencrypt",
            "mysql/debian.cnf",
            "docker/key.json");
    private static final Pattern SSH_HOST_KEY = Pattern.compile("ssh_host_.+_key");
    /** A PATH directory that is or holds one of these is never shown. */
    private static final List<Path> NEVER_SHOWN =
            Stream.of("/root", "/home", "/var", "/run", "/tmp").map(Path::of).toList();

    private final Path bwrap;
    private final boolean disableUserNamespaces;
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    BubblewrapCommand(Path bwrap, boolean disableUserNamespaces) {
        this.bwrap = bwrap;
        this.disableUserNamespaces = disableUserNamespaces;
    }

    /** Why the step cannot run in its workspace, or empty when it can. */
    static Optional<String> refusal(Path workspace) {
        Path ws = workspace.toAbsolutePath().normalize();
        if (ws.getParent() == null || visible(ws)) {
            return Optional.of("the workspace " + ws + " lies in a directory every step sees read-only (/, /usr, /etc,"
                    + " /bin, /lib…), so other workspaces would be visible: move the data directory elsewhere");
        }
        return Optional.empty();
    }

    /** The command line that runs {@code argv} (its program already resolved) for {@code step}. */
    List<String> command(SandboxStep step, GitControl git, List<String> argv) {
        Path ws = step.workspace().toAbsolutePath().normalize();
        List<String> c = new ArrayList<>(List.of(bwrap.toString()));
        system(c);
        etc(c, step.network());
        c.addAll(List.of("--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        home(c, step.environment().get("HOME"), ws);
        pathDirectories(step.environment().get("PATH"), ws)
                .forEach((dir, real) -> c.addAll(List.of("--ro-bind", real.toString(), dir.toString())));
        c.addAll(List.of("--bind", ws.toString(), ws.toString()));
        Optional<GatewayForwarder.Direct> direct = Optional.empty();
        if (step.gatewaySocket() != null) {
            c.addAll(List.of("--bind", step.gatewaySocket().toString(), GatewayForwarder.SOCKET));
            direct = GatewayForwarder.direct(step.gatewaySocket());
            direct.ifPresent(d -> c.addAll(List.of(
                    "--bind",
                    d.handoff().toString(),
                    GatewayForwarder.HANDOFF,
                    "--ro-bind",
                    d.helper().toString(),
                    GatewayForwarder.LISTEN)));
        }
        for (Path cache : step.caches()) {
            String path = cache.toAbsolutePath().normalize().toString();
            c.addAll(List.of("--bind", path, path));
        }
        if (git instanceof GitControl.Present present) {
            String path = present.path().toString();
            c.addAll(List.of("--ro-bind", path, path));
        }
        String id = Integer.toString(STEP_ID);
        c.addAll(List.of("--chdir", ws.toString(), "--unshare-user", "--uid", id, "--gid", id));
        c.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
        if (!step.network()) {
            c.add("--unshare-net");
        }
        if (disableUserNamespaces) {
            c.add("--disable-userns");
        }
        c.addAll(List.of("--cap-drop", "ALL", "--die-with-parent", "--new-session", "--"));
        c.addAll(
                step.gatewaySocket() == null
                        ? argv
                        : GatewayForwarder.wrap(
                                argv, GatewayForwarder.SOCAT.toString(), direct.map(d -> GatewayForwarder.LISTEN)));
        return c;
    }

    private static void system(List<String> c) {
        for (Path dir : SYSTEM) {
            if (Files.isSymbolicLink(dir)) {
                try {
                    c.addAll(List.of("--symlink", Files.readSymbolicLink(dir).toString(), dir.toString()));
                } catch (IOException e) {
                    log.debug("Leaving {} out of the sandbox: {}", dir, e.getMessage());
                }
            } else if (Files.isDirectory(dir)) {
                c.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
            }
        }
    }

    private static void etc(List<String> c, boolean network) {
        c.addAll(List.of("--ro-bind", ETC.toString(), ETC.toString()));
        for (String name : ETC_SECRETS) {
            mask(c, ETC.resolve(name));
        }
        try (Stream<Path> ssh = Files.list(ETC.resolve("ssh"))) {
            ssh.filter(p -> SSH_HOST_KEY.matcher(p.getFileName().toString()).matches())
                    .sorted()
                    .forEach(p -> mask(c, p));
        } catch (IOException e) {
            // no /etc/ssh: no host keys to mask
        }
        Path resolv = ETC.resolve("resolv.conf");
        if (network && Files.isSymbolicLink(resolv)) {
            real(resolv).filter(r -> !visible(r) && Files.isRegularFile(r)).ifPresent(r -> {
                c.addAll(List.of("--ro-bind", r.toString(), r.toString()));
            });
        }
    }

    /** Hides {@code path} when the step could see it (a link is followed to where it leads on the host). */
    private static void mask(List<String> c, Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<Path> target = real(path).filter(BubblewrapCommand::visible);
        if (target.isEmpty()) {
            return;
        }
        String p = target.get().toString();
        if (Files.isDirectory(target.get())) {
            c.addAll(List.of("--tmpfs", p, "--remount-ro", p));
        } else {
            c.addAll(List.of("--ro-bind", "/dev/null", p));
        }
    }

    private static void home(List<String> c, String home, Path ws) {
        if (home == null || !home.startsWith("/")) {
            return;
        }
        Path h = Path.of(home).normalize();
        Path tmp = Path.of("/tmp");
        if (h.getParent() == null || h.equals(tmp) || h.startsWith(ws) || visible(h)) {
            return;
        }
        c.addAll(List.of(h.startsWith(tmp) ? "--dir" : "--tmpfs", h.toString()));
    }

    /** The step's PATH directories to show, each with its real path on the host, in PATH order. */
    private Map<Path, Path> pathDirectories(String path, Path ws) {
        Map<Path, Path> shown = new LinkedHashMap<>();
        if (path == null) {
            return shown;
        }
        for (String entry : path.split(":")) {
            if (!entry.startsWith("/")) {
                continue; // empty or relative: resolved in the workspace, which is shown anyway
            }
            Path dir = Path.of(entry).normalize();
            Optional<Path> real = real(dir).filter(Files::isDirectory);
            if (real.isEmpty()
                    || visible(dir)
                    || dir.startsWith(ws)
                    || real.get().startsWith(ws)) {
                continue;
            }
            Optional<String> why = hidden(real.get(), ws);
            if (why.isPresent()) {
                if (warned.add(dir)) {
                    log.warn("The sandbox does not show PATH directory {}: {}", dir, why.get());
                }
                continue;
            }
            shown.putIfAbsent(dir, real.get());
        }
        return shown;
    }

    private static Optional<String> hidden(Path real, Path ws) {
        for (Path never : NEVER_SHOWN) {
            if (never.startsWith(real)) {
                return Optional.of("it is or holds " + never);
            }
        }
        if (ws.startsWith(real)) {
            return Optional.of("it holds the workspace " + ws);
        }
        if (real.startsWith(ws.getParent())) {
            return Optional.of("it lies beside the workspace, where other workspaces live");
        }
        return Optional.empty();
    }

    /** True when {@code path} lies in what every step sees read-only: {@code /etc} or a system directory. */
    private static boolean visible(Path path) {
        if (path.startsWith(ETC)) {
            return true;
        }
        for (Path dir : SYSTEM) {
            if (path.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
