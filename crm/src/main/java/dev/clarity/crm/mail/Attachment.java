package dev.clarity.crm.mail;

import java.util.Arrays;

/** A file sent with a mail, kept in the outbox beside it ({@code mail_attachments}). */
public record Attachment(String filename, String contentType, byte[] content) {
    public Attachment {
        if (filename == null || filename.isBlank() || filename.contains("/") || filename.contains("\\")) {
            throw new IllegalArgumentException("an attachment needs a plain file name, got \"" + filename + "\"");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a
                && a.filename.equals(filename)
                && a.contentType.equals(contentType)
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * filename.hashCode() + contentType.hashCode()) + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + contentType + ", " + content.length + " bytes]";
    }
}
