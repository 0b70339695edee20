/**
 * AI tool adapters (aider, claude, codex, ollama, command): routing, prompts from templates, command lines, applying
 * ollama's answer, and recording each invocation as artifacts. Depends on the runner's sandbox, policy,
 * redaction, config and artifacts packages, and on the workspace package for opening a repository.
 */
package dev.clarity.runner.tools;
