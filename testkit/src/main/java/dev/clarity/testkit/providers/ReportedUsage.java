package dev.clarity.testkit.providers;

/** The usage one answer of the {@link ScriptedModelServer} reported: which API, model, input and output tokens. */
public record ReportedUsage(String api, String model, long inputTokens, long outputTokens) {}
