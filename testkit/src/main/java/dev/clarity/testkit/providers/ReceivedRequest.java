package dev.clarity.testkit.providers;

import java.util.List;
import java.util.Map;

/** A request the {@link ScriptedModelServer} received: method, path with query, headers (lower-case names), body. */
public record ReceivedRequest(String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
