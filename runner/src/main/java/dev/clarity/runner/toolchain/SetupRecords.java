package dev.clarity.runner.toolchain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What {@code checks.setup} did in a workspace at a base commit, so that it runs once per workspace and base: kept
 * in {@code <data>/caches/.setup/<workspaceId>/<base>-<hash of the commands and image>.json}, outside the workspace
 * (a tool cannot forge a pass). A different base, different commands or a different image run setup again. Calls for
 * one workspace do not run concurrently.
 */
public final class SetupRecords {
    /** The outcome of one setup command, as VERIFY reports it. */
    public record Command(String key, boolean passed, String summary, String evidence) {}

    /** Every setup command's outcome at {@code base}. */
    public record Outcome(String base, List<Command> steps) {
        public Outcome {
            steps = List.copyOf(steps);
        }

        public boolean passed() {
            return steps.stream().allMatch(Command::passed);
        }
    }

    private final Path root;
    private final ObjectMapper json;

    /** {@code root} is {@code <data>/caches/.setup}. */
    public SetupRecords(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
    }

    public Optional<Outcome> read(String workspaceId, String base, List<List<String>> commands, String image) {
        Path file = file(workspaceId, base, commands, image);
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(json.readValue(file.toFile(), Outcome.class))
                    : Optional.empty();
        } catch (IOException e) {
            // a torn or damaged record only costs running setup again
            return Optional.empty();
        }
    }

    public void write(String workspaceId, List<List<String>> commands, String image, Outcome outcome) {
        Path file = file(workspaceId, outcome.base(), commands, image);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "");
            try {
                json.writeValue(tmp.toFile(), outcome);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new RunnerException("recording the setup of workspace " + workspaceId + " at " + outcome.base(), e);
        }
    }

    private Path file(String workspaceId, String base, List<List<String>> commands, String image) {
        if (!base.matches("[0-9a-f]{40,64}")) {
            throw new IllegalArgumentException("a base is a commit id, got " + base);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(image).getBytes(StandardCharsets.UTF_8));
            for (List<String> command : commands) {
                for (String arg : command) {
                    sha.update((byte) 0);
                    sha.update(arg.getBytes(StandardCharsets.UTF_8));
                }
                sha.update((byte) 1);
            }
            String hash = HexFormat.of().formatHex(sha.digest(), 0, 8);
            return root.resolve(workspaceId).resolve(base + "-" + hash + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
