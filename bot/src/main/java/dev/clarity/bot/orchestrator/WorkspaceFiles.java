package dev.clarity.bot.orchestrator;

import java.util.Optional;

/**
 * The files of an execution's workspace that the orchestrator itself reads and writes: the task list, the outcomes
 * file and {@code .clarity.yml}. Paths are relative to the repository root and confined to it.
 */
public interface WorkspaceFiles {
    Optional<byte[]> read(String workspaceId, String path);

    /**
     * The file as the item's base commit holds it (recorded by the runner at PREP; the HEAD commit before any PREP),
     * whatever the work tree says now: for what grants rights ({@code .clarity.yml}), which a tool may not choose.
     */
    Optional<byte[]> readAtBase(String workspaceId, String path);

    void write(String workspaceId, String path, byte[] content);

    /**
     * True when the workspace holds a checked-out repository whose preparation ended (false after a runner lost its
     * disk, or was killed mid-clone or mid-checkout).
     */
    boolean exists(String workspaceId);
}
