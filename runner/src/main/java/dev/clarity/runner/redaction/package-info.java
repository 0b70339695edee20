/**
 * The redactor every line from tools, checks and git passes before it reaches a log, an event, an artifact or a
 * result. Depends only on the JDK.
 */
package dev.clarity.runner.redaction;
