package dev.clarity.runner.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.clarity.runner.sandbox.SandboxImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A sandbox image with a JDK and Maven, built from this machine's files only (no registry): a runtime made with
 * {@code jlink} from the JDK running the tests, the Maven distribution the wrapper unpacked under
 * {@code ~/.m2/wrapper}, the C library the JDK needs and busybox for the shell, added to a {@code FROM scratch}
 * image through the engine's API. Built once per engine.
 */
final class JdkMavenImage {
    static final String TAG = "localhost/clarity-sandbox-test-jdk:latest";
    static final String PATH = "/opt/maven/bin:/opt/jdk/bin:/bin";

    private static final List<String> LIBRARIES =
            List.of("libc.so.6", "libdl.so.2", "libm.so.6", "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2");

    private JdkMavenImage() {}

    static synchronized void build(DockerClient docker) throws Exception {
        if (SandboxImage.exists(docker, TAG)) {
            return;
        }
        Path maven = mavenDistribution();
        Path work = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "jdk-image");
        Path jre = work.resolve("jre");
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        Process p = new ProcessBuilder(
                        jlink.toString(),
                        "--add-modules",
                        "java.se,jdk.compiler,jdk.unsupported,jdk.zipfs",
                        "--strip-debug",
                        "--no-man-pages",
                        "--no-header-files",
                        "--output",
                        jre.toString())
                .inheritIO()
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jlink failed making the test image's runtime");
        }
        Path rootfs = work.resolve("rootfs.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(rootfs))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String dir : List.of("bin/", "tmp/", "etc/", "lib64/", "lib/", "lib/x86_64-linux-gnu/", "opt/")) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setMode(dir.equals("tmp/") ? 01777 : 0755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            file(tar, "bin/busybox", SandboxImage.BUSYBOX);
            for (String applet : applets()) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            for (String library : LIBRARIES) {
                file(tar, "lib/x86_64-linux-gnu/" + library, Path.of("/lib/x86_64-linux-gnu", library));
            }
            TarArchiveEntry loader = new TarArchiveEntry("lib64/ld-linux-x86-64.so.2", TarArchiveEntry.LF_SYMLINK);
            loader.setLinkName("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
            tar.putArchiveEntry(loader);
            tar.closeArchiveEntry();
            tree(tar, jre, "opt/jdk");
            tree(tar, maven, "opt/maven");
            bytes(tar, "etc/passwd", "root:x:0:0:root:/tmp:/bin/sh\n");
            bytes(tar, "etc/group", "root:x:0:\n");
        }
        Path context = work.resolve("context.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(context))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            bytes(
                    tar,
                    "Dockerfile",
                    "FROM scratch\nADD rootfs.tar /\nENV PATH=" + PATH + " JAVA_HOME=/opt/jdk\nCMD [\"/bin/sh\"]\n");
            file(tar, "rootfs.tar", rootfs);
        }
        try (InputStream in = Files.newInputStream(context)) {
            docker.buildImageCmd(in)
                    .withTags(Set.of(TAG))
                    .withPull(false)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
        } finally {
            TinyMavenProject.delete(work);
        }
    }

    private static Path mavenDistribution() throws IOException {
        Path dists = Path.of(System.getProperty("user.home"), ".m2", "wrapper", "dists");
        try (var all = Files.find(dists, 3, (p, a) -> Files.isRegularFile(p.resolve("bin/mvn")))) {
            return all.findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no Maven distribution under " + dists + " (./mvnw unpacks one there)"));
        }
    }

    private static List<String> applets() throws Exception {
        Process p = new ProcessBuilder(SandboxImage.BUSYBOX.toString(), "--list").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(a -> !a.isBlank() && !a.equals("busybox")).toList();
    }

    private static void tree(TarArchiveOutputStream tar, Path root, String prefix) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path path : files.sorted().toList()) {
                String name = prefix + (path.equals(root) ? "" : "/" + root.relativize(path));
                if (Files.isSymbolicLink(path)) {
                    TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(Files.readSymbolicLink(path).toString());
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                } else if (Files.isDirectory(path)) {
                    TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                    entry.setMode(0755);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                } else {
                    file(tar, name, path);
                }
            }
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, Path source) throws IOException {
        Path real = source.toRealPath();
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(real));
        entry.setMode(Files.isExecutable(real) ? 0755 : 0644);
        tar.putArchiveEntry(entry);
        try (InputStream in = Files.newInputStream(real)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    private static void bytes(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(data.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        ((OutputStream) tar).write(data);
        tar.closeArchiveEntry();
    }
}
