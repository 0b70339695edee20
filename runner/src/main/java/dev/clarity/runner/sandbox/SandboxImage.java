package dev.clarity.runner.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.clarity.runner.api.RunnerException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds the default sandbox image from local files only (registries may be unreachable): a {@code FROM scratch}
 * Dockerfile that adds a root filesystem holding the static busybox and its applet links, sent as a build context
 * through the engine's API. This is what {@code clarity runner --build-image} runs.
 */
public final class SandboxImage {
    /** Where Debian's busybox-static puts the binary. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private static final List<String> APPLETS = List.of(
            "sh",
            "ash",
            "ls",
            "cat",
            "echo",
            "true",
            "false",
            "sleep",
            "printf",
            "test",
            "[",
            "mkdir",
            "rm",
            "cp",
            "mv",
            "touch",
            "grep",
            "sed",
            "awk",
            "head",
            "tail",
            "wc",
            "env",
            "id",
            "pwd",
            "find",
            "xargs",
            "sort",
            "uniq",
            "tr",
            "cut",
            "diff",
            "patch",
            "wget",
            "nc",
            "date",
            "yes",
            "seq",
            "chmod",
            "ln",
            "dirname",
            "basename",
            "readlink",
            "tee",
            "stat",
            "kill",
            "ps",
            "hostname",
            "ip");

    private SandboxImage() {}

    /** True when the engine already holds {@code tag}. */
    public static boolean exists(DockerClient docker, String tag) {
        try {
            docker.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Builds {@code tag} from {@code busybox}; returns the image id. */
    public static String build(DockerClient docker, String tag, Path busybox) {
        try {
            byte[] context = context(busybox);
            return docker.buildImageCmd(new ByteArrayInputStream(context))
                    .withTags(Set.of(tag))
                    .withPull(false)
                    .withNoCache(false)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
        } catch (IOException e) {
            throw new RunnerException("building sandbox image " + tag + " from " + busybox, e);
        }
    }

    private static byte[] context(Path busybox) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buffer)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            file(
                    tar,
                    "Dockerfile",
                    "FROM scratch\nADD rootfs.tar /\nENV PATH=/bin\nCMD [\"/bin/sh\"]\n"
                            .getBytes(StandardCharsets.UTF_8),
                    0644);
            file(tar, "rootfs.tar", rootfs(busybox), 0644);
        }
        return buffer.toByteArray();
    }

    private static byte[] rootfs(Path busybox) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buffer)) {
            for (String dir : List.of("bin/", "tmp/", "etc/", "home/", "workspace/")) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setMode(dir.equals("tmp/") ? 01777 : 0755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            file(tar, "bin/busybox", Files.readAllBytes(busybox), 0755);
            for (String applet : APPLETS) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(tar, "etc/passwd", "root:x:0:0:root:/tmp:/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/group", "root:x:0:\n".getBytes(StandardCharsets.UTF_8), 0644);
        }
        return buffer.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
