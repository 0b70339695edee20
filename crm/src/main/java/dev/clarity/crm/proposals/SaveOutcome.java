package dev.clarity.crm.proposals;

import java.util.List;

/** What saving a proposal did. */
public sealed interface SaveOutcome {
    /** The content was stored as {@code version} of proposal {@code id}. */
    record Saved(long id, int version) implements SaveOutcome {}

    /** Nothing was stored; {@code problems} say why, as sentences. */
    record Refused(List<String> problems) implements SaveOutcome {}
}
