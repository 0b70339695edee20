package dev.clarity.runner.tools;

import java.util.List;

/** What one chat request to Ollama (through the step's gateway endpoint) came to. */
public sealed interface OllamaReply {
    /** The model answered to its end ({@code "done": true}); {@code text} is every streamed piece joined. */
    record Answered(String text) implements OllamaReply {}

    /** The server has no such model (Ollama's 404); {@code pulled} are the models it has, from {@code /api/tags}. */
    record ModelMissing(String model, List<String> pulled) implements OllamaReply {}

    /** The gateway or the server refused the request: {@code status} and the {@code error} sentence of its body. */
    record Refused(int status, String error) implements OllamaReply {}

    /** The connection failed or ended before the answer's last line; {@code reason} says how. */
    record Broken(String reason) implements OllamaReply {}
}
