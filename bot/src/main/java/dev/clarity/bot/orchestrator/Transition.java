package dev.clarity.bot.orchestrator;

import dev.clarity.vocabulary.Badge;

/** The next position and badge, with one sentence for the event log. */
public record Transition(Cursor cursor, Badge badge, String note) {}
