package dev.clarity.vocabulary;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The AI coding tools an item can be implemented with. {@link #spelling()} is how a tool is named in
 * {@code .clarity.yml}, in {@code /clarity run --tool}, on the command line, in forms, in the runner API and in
 * PostgreSQL ({@code projects.default_tool}, {@code task_runs.tool}).
 */
public enum Tool {
    /** Aider, driven by a message file. */
    AIDER,
    /** Claude Code in print mode. */
    CLAUDE,
    /** OpenAI's Codex CLI, {@code codex exec}, with the gateway as its model provider. */
    CODEX,
    /** A local model through Ollama. */
    OLLAMA,
    /** Any other agent CLI the repository configures; it reads the prompt from {@code CLARITY_PROMPT_FILE}. */
    COMMAND;

    /** The lower-case name: {@code aider}, {@code claude}, {@code codex}, {@code ollama}, {@code command}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tool spelled exactly {@code spelling}; empty for anything else. */
    public static Optional<Tool> find(String spelling) {
        return Spellings.find(values(), Tool::spelling, spelling);
    }

    /** The tool spelled exactly {@code spelling}; anything else is an {@link IllegalArgumentException} naming it. */
    public static Tool fromSpelling(String spelling) {
        return find(spelling).orElseThrow(() -> new IllegalArgumentException("unknown tool " + spelling));
    }

    /** Every tool's spelling, in declaration order. */
    public static List<String> spellings() {
        return Spellings.of(values(), Tool::spelling, t -> true);
    }

    /** The spellings as the choices of a sentence: {@code "aider, claude, codex, ollama or command"}. */
    public static String alternatives() {
        return Spellings.alternatives(spellings());
    }
}
