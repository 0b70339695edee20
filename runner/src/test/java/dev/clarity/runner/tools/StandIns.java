package dev.clarity.runner.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes stand-in executables named like the real tools into a directory that goes first on the sandbox PATH. */
public final class StandIns {
    private StandIns() {}

    /** Writes {@code name} as a shell script with {@code body}; {@code --version} answers "{@code name} 9.9.9". */
    public static Path write(Path bin, String name, String body) throws IOException {
        Files.createDirectories(bin);
        Path script = bin.resolve(name);
        Files.writeString(
                script,
                "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo \"" + name + " 9.9.9\"; exit 0; fi\n" + body
                        + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
