package dev.clarity.dashboard.keys;

import java.time.OffsetDateTime;

/** A stored provider key as a page shows it: never the key, only its last four characters. */
public record MaskedKey(
        long id, KeyOwner owner, Provider provider, String last4, String updatedBy, OffsetDateTime updatedAt) {
    /** "••••abcd" */
    public String masked() {
        return "••••" + last4;
    }
}
