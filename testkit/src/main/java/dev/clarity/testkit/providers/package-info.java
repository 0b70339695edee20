/**
 * A scripted model server for tests: Anthropic's Messages API (JSON and Server-Sent Events, tool calls), OpenAI's
 * chat completions and Ollama's chat, generate, tags and version APIs (NDJSON), each answer with a known usage. JDK and
 * Jackson only.
 */
package dev.clarity.testkit.providers;
