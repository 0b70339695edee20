package dev.clarity.runner.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code bwrap} executable on {@code PATH} and tells what it can do. */
public final class BubblewrapProbe {
    private static final Pattern VERSION = Pattern.compile("bubblewrap (\\d{1,4})\\.(\\d{1,4})");

    private BubblewrapProbe() {}

    public static Optional<Path> find(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "bwrap");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code bwrap --version} says 0.8 or newer, the first version with {@code --disable-userns}. An
     * answer that cannot be read counts as older: the option is then left out rather than breaking every step.
     */
    public static boolean canDisableUserNamespaces(Path bwrap) {
        try {
            Process process = new ProcessBuilder(bwrap.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return atLeastZeroEight(answer);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean atLeastZeroEight(String versionAnswer) {
        Matcher m = VERSION.matcher(versionAnswer);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 0 || minor >= 8;
    }
}
