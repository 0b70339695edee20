/**
 * What a tool may not change and what in a diff needs a person: the protected files of an item, their snapshot around
 * each tool run and check, the tool's change to them kept aside until approved, and the risk rules read from a diff.
 * Depends on the runner's api, config, artifacts and redaction packages and on JGit's diff; nothing here runs a process.
 */
package dev.clarity.runner.guard;
