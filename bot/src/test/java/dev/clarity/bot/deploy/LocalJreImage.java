package dev.clarity.bot.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Stands in for {@code eclipse-temurin:21-jre} where no registry can be reached: an image made only of local parts —
 * this JVM's runtime at {@code /opt/java/openjdk} (where the Temurin images keep theirs), the host's shared libraries
 * that it, bubblewrap and the embedded PostgreSQL binaries load, {@code /usr/bin/bwrap}, and the static busybox as
 * {@code /bin/sh} and friends. It has no {@code apt-get}, so the Dockerfile's package step is skipped and finds the
 * bubblewrap already there.
 */
final class LocalJreImage {
    static final String TAG = "localhost/clarity-test-jre:socat";

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    /** The model gateway's forwarder, which tool steps run in the sandbox. */
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    private static final String JAVA_HOME = "opt/java/openjdk/";
    private static final List<String> APPLETS = List.of(
            "sh", "rm", "chmod", "chown", "mkdir", "ln", "printf", "echo", "wget", "id", "cat", "ls", "env", "ps",
            "kill", "test", "[", "true", "false", "grep", "sed", "head", "tail", "touch", "cp", "mv", "find", "sleep",
            "wc");
    /** Loaded by PostgreSQL's binaries from the system (the rest ship inside the zonky jar). */
    private static final List<String> POSTGRES_SYSTEM_LIBRARIES =
            List.of("libstdc++.so.6", "libgcc_s.so.1", "libm.so.6", "librt.so.1", "libdl.so.2", "libpthread.so.0");

    private static final Pattern LDD_LINE = Pattern.compile("^\\s*(?:\\S+ => )?(/\\S+) \\(0x[0-9a-f]+\\)$");

    private LocalJreImage() {}

    /** Builds the image once per engine (kept between runs: it only changes with the host's JDK). */
    static void ensure(DockerClient docker, Path scratch) throws IOException, InterruptedException {
        try {
            docker.inspectImageCmd(TAG).exec();
            return;
        } catch (NotFoundException absent) {
            // built below
        }
        if (!Files.isExecutable(BUSYBOX) || !Files.isExecutable(BWRAP) || !Files.isExecutable(SOCAT)) {
            throw new IllegalStateException("building the local JRE image needs " + BUSYBOX + ", " + BWRAP + " and "
                    + SOCAT + ": apt-get install -y busybox-static bubblewrap socat");
        }
        Path context = scratch.resolve("jre-context.tar");
        try (OutputStream out = Files.newOutputStream(context);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            String dockerfile = "FROM scratch\nADD rootfs.tar /\nENV JAVA_HOME=/opt/java/openjdk"
                    + " PATH=/opt/java/openjdk/bin:/usr/local/bin:/usr/bin:/bin\nCMD [\"/bin/sh\"]\n";
            file(tar, "Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), 0644);
            Path rootfs = rootfs(scratch);
            TarArchiveEntry entry = new TarArchiveEntry(rootfs, "rootfs.tar");
            tar.putArchiveEntry(entry);
            Files.copy(rootfs, tar);
            tar.closeArchiveEntry();
        }
        try (InputStream in = Files.newInputStream(context)) {
            docker.buildImageCmd(in)
                    .withTags(Set.of(TAG))
                    .withPull(false)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
        }
    }

    private static Path rootfs(Path scratch) throws IOException, InterruptedException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path rootfs = scratch.resolve("jre-rootfs.tar");
        try (OutputStream out = Files.newOutputStream(rootfs);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String dir : List.of(
                    "bin/",
                    "usr/",
                    "usr/bin/",
                    "usr/local/",
                    "usr/local/bin/",
                    "etc/",
                    "var/",
                    "var/lib/",
                    "opt/",
                    "opt/java/",
                    "root/",
                    "proc/",
                    "sys/",
                    "dev/")) {
                directory(tar, dir, 0755);
            }
            directory(tar, "tmp/", 01777);
            file(tar, "bin/busybox", Files.readAllBytes(BUSYBOX), 0755);
            for (String applet : APPLETS) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(tar, "usr/bin/bwrap", Files.readAllBytes(BWRAP), 0755);
            file(tar, "usr/bin/socat", Files.readAllBytes(SOCAT), 0755);
            file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/group", "root:x:0:\n".getBytes(StandardCharsets.UTF_8), 0644);
            List<Path> elves = javaRuntime(tar, javaHome);
            elves.add(BWRAP);
            elves.add(SOCAT);
            Set<String> written = new LinkedHashSet<>();
            for (Path library : libraries(elves)) {
                String name = library.toString().substring(1);
                if (written.add(name)) {
                    parents(tar, name, written);
                    file(tar, name, Files.readAllBytes(library.toRealPath()), 0755);
                }
            }
        }
        return rootfs;
    }

    /** Copies the runtime (no headers, man pages or sources) and returns its ELF files, to find their libraries. */
    private static List<Path> javaRuntime(TarArchiveOutputStream tar, Path javaHome) throws IOException {
        List<Path> elves = new ArrayList<>();
        directory(tar, JAVA_HOME, 0755);
        try (Stream<Path> walk = Files.walk(javaHome)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String rel = javaHome.relativize(p).toString();
                if (rel.isEmpty() || skipped(rel)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    directory(tar, JAVA_HOME + rel + "/", 0755);
                } else if (Files.isRegularFile(p)) {
                    boolean executable = Files.isExecutable(p);
                    TarArchiveEntry entry = new TarArchiveEntry(p.toFile(), JAVA_HOME + rel);
                    entry.setMode(executable ? 0755 : 0644);
                    tar.putArchiveEntry(entry);
                    Files.copy(p, tar);
                    tar.closeArchiveEntry();
                    if (rel.startsWith("bin/") || rel.endsWith(".so")) {
                        elves.add(p);
                    }
                }
            }
        }
        return elves;
    }

    private static boolean skipped(String rel) {
        return rel.startsWith("include")
                || rel.startsWith("man")
                || rel.startsWith("jmods")
                || rel.startsWith("demo")
                || rel.equals("lib/src.zip");
    }

    /** The shared libraries (and the dynamic loader) that {@code ldd} says the files load, plus PostgreSQL's. */
    private static Set<Path> libraries(List<Path> elves) throws IOException, InterruptedException {
        Set<Path> libraries = new LinkedHashSet<>();
        for (Path elf : elves) {
            Process ldd = new ProcessBuilder("ldd", elf.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ldd.waitFor();
            for (String line : out.split("\n")) {
                Matcher m = LDD_LINE.matcher(line);
                if (m.matches() && !m.group(1).startsWith(System.getProperty("java.home"))) {
                    libraries.add(Path.of(m.group(1)));
                }
            }
        }
        Path libc = libraries.stream()
                .filter(p -> p.getFileName().toString().equals("libc.so.6"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ldd named no libc.so.6 for " + elves.getFirst()));
        for (String name : POSTGRES_SYSTEM_LIBRARIES) {
            Path library = libc.resolveSibling(name);
            if (Files.exists(library)) {
                libraries.add(library);
            }
        }
        return libraries;
    }

    private static void parents(TarArchiveOutputStream tar, String name, Set<String> written) throws IOException {
        int slash = -1;
        while ((slash = name.indexOf('/', slash + 1)) > 0) {
            String dir = name.substring(0, slash + 1);
            if (written.add(dir) && !List.of("bin/", "usr/", "usr/bin/", "opt/").contains(dir)) {
                directory(tar, dir, 0755);
            }
        }
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(mode);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("adding " + name + " to a build context", e);
        }
    }
}
