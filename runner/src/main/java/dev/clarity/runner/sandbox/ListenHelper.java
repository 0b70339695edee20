package dev.clarity.runner.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code clarity-listen}, the sandbox's half of the direct path to the model gateway (ADR 0024): run first in a tool
 * step, it listens on the sandbox's {@code 127.0.0.1:}{@link GatewayForwarder#PORT} and hands that socket to the
 * gateway, which then accepts the tool's connections itself — no forwarder process between them. It is a small C
 * program shipped as source and built once per runner process with the host's C compiler ({@code cc -static}, so a
 * container needs none of the host's libraries), unless {@code CLARITY_LISTEN_HELPER} names one already built (the
 * deployment image's); without either the steps keep their forwarder, socat.
 */
public final class ListenHelper {
    private static final Logger log = LoggerFactory.getLogger(ListenHelper.class);
    private static final String SOURCE = "clarity-listen.c";
    private static final List<Path> COMPILERS = List.of(Path.of("/usr/bin/cc"), Path.of("/usr/bin/gcc"));
    private static volatile Optional<Path> binary;

    private ListenHelper() {}

    /** The built helper, or empty when this host cannot build it (no C compiler, or its static C library). */
    public static Optional<Path> binary() {
        Optional<Path> built = binary;
        if (built == null) {
            synchronized (ListenHelper.class) {
                built = binary;
                if (built == null) {
                    built = build();
                    binary = built;
                }
            }
        }
        return built;
    }

    private static Optional<Path> build() {
        String prebuilt = System.getenv("CLARITY_LISTEN_HELPER");
        if (prebuilt != null && !prebuilt.isBlank()) {
            Path given = Path.of(prebuilt);
            if (Files.isExecutable(given)) {
                return Optional.of(given);
            }
            log.warn(
                    "CLARITY_LISTEN_HELPER names {}, which is not an executable file: building the helper instead",
                    given);
        }
        Optional<Path> compiler = COMPILERS.stream().filter(Files::isExecutable).findFirst();
        if (compiler.isEmpty()) {
            log.info("No C compiler at {}: sandboxes reach the model gateway through socat", COMPILERS);
            return Optional.empty();
        }
        try {
            // a directory of this process's own (0700): nobody else can replace the program sandboxes run
            Path dir = Files.createTempDirectory(
                    "clarity-listen",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path source = dir.resolve(SOURCE);
            try (InputStream in = ListenHelper.class.getResourceAsStream(SOURCE)) {
                if (in == null) {
                    throw new IOException(SOURCE + " is missing from the runner's classpath");
                }
                Files.copy(in, source);
            }
            Path program = dir.resolve("clarity-listen");
            Process cc = new ProcessBuilder(
                            compiler.get().toString(), "-O2", "-static", "-o", program.toString(), source.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cc.waitFor(120, TimeUnit.SECONDS) || cc.exitValue() != 0 || !Files.isExecutable(program)) {
                cc.destroyForcibly();
                log.warn(
                        "Building clarity-listen failed (sandboxes reach the model gateway through socat): {}",
                        output.strip());
                return Optional.empty();
            }
            Files.delete(source);
            dir.toFile().deleteOnExit();
            program.toFile().deleteOnExit();
            return Optional.of(program);
        } catch (IOException e) {
            log.warn(
                    "Building clarity-listen failed (sandboxes reach the model gateway through socat): {}",
                    e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
