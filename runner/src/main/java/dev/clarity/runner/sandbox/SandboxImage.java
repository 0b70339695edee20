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
 * Builds sandbox images through the engine's API. The default image comes from local files only (registries may be
 * unreachable): a {@code FROM scratch} Dockerfile that adds a root filesystem holding the static busybox and its
 * applet links, sent as a build context. A named recipe ({@code sandbox/NAME/Dockerfile} at the repository root,
 * {@code clarity runner --build-image NAME}) is built with its directory as the context and tagged
 * {@link #recipeTag(String)}; whatever its {@code FROM} names must be in the engine already or reachable.
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

    /** Recipe names: a directory name of letters, digits and dashes. */
    private static final java.util.regex.Pattern RECIPE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private static final String RECIPE_PREFIX = "localhost/clarity-sandbox-";

    private SandboxImage() {}

    /** The tag a recipe's image gets: {@code localhost/clarity-sandbox-NAME:latest}. */
    public static String recipeTag(String recipe) {
        return RECIPE_PREFIX + recipe + ":latest";
    }

    /**
     * The sentence for a step whose image the engine does not hold: the image, and the command that builds it (the
     * default image and recipe images), or where images come from.
     */
    public static String missing(String image) {
        String how;
        if (image.equals(SandboxResources.DEFAULT_IMAGE)) {
            how = "build it with ./clarity runner --build-image";
        } else if (image.startsWith(RECIPE_PREFIX) && image.endsWith(":latest")) {
            String recipe = image.substring(RECIPE_PREFIX.length(), image.length() - ":latest".length());
            how = "build it with ./clarity runner --build-image " + recipe;
        } else {
            how = "build or load it into the runner's container engine (recipes: sandbox/ and"
                    + " ./clarity runner --build-image NAME); images are never pulled";
        }
        return "the sandbox image " + image + " is missing in the container engine; " + how;
    }

    /**
     * Builds the recipe {@code name} from {@code recipes/name} (its Dockerfile, the directory as context) as
     * {@link #recipeTag(String)}; returns the image id. A name that is not a recipe directory is refused with the
     * recipes there are.
     */
    public static String buildRecipe(DockerClient docker, Path recipes, String name) {
        Path dir = recipe(recipes, name);
        return docker.buildImageCmd()
                .withBaseDirectory(dir.toFile())
                .withDockerfile(dir.resolve("Dockerfile").toFile())
                .withTags(Set.of(recipeTag(name)))
                .withPull(false)
                .exec(new BuildImageResultCallback())
                .awaitImageId();
    }

    /**
     * The directory of the recipe {@code name} in {@code recipes}.
     *
     * @throws IllegalArgumentException naming the recipes there are, when {@code name} is none of them
     */
    public static Path recipe(Path recipes, String name) {
        if (!RECIPE.matcher(name).matches()) {
            throw new IllegalArgumentException("recipe names are lower-case letters, digits and dashes ("
                    + recipeNames(recipes) + "), got " + name);
        }
        Path dir = recipes.resolve(name);
        if (!Files.isRegularFile(dir.resolve("Dockerfile"))) {
            throw new IllegalArgumentException(
                    "there is no recipe " + name + " in " + recipes + " (recipes there: " + recipeNames(recipes) + ")");
        }
        return dir;
    }

    private static String recipeNames(Path recipes) {
        try (var dirs = Files.list(recipes)) {
            String names = dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .collect(java.util.stream.Collectors.joining(", "));
            return names.isEmpty() ? "none" : names;
        } catch (IOException e) {
            return "none: " + recipes + " cannot be read";
        }
    }

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

    /** The default image's root filesystem as a tar: busybox, its applet links, {@code /etc/passwd} and the dirs. */
    public static byte[] rootfs(Path busybox) throws IOException {
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
