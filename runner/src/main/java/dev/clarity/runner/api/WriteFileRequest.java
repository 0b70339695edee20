package dev.clarity.runner.api;

/**
 * Replace (or create) one file of a prepared workspace with {@code content}: written to a temporary file beside it
 * and renamed into place, so a reader never sees half a file. {@code path} is relative to the repository root and
 * may not leave it. A repeat of {@code idempotencyKey} is answered with the stored result and writes nothing.
 */
public record WriteFileRequest(String workspaceId, String path, byte[] content, String idempotencyKey) {
    @Override
    public String toString() {
        return "WriteFileRequest[workspaceId=" + workspaceId + ", path=" + path + ", "
                + (content == null ? "no content" : content.length + " bytes") + ", idempotencyKey=" + idempotencyKey
                + "]";
    }
}
