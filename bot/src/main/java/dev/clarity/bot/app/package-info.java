/**
 * The composition root: builds every part from {@link dev.clarity.bot.config.ClarityConfig} with constructors,
 * in small per-feature factories, and owns their lifecycle (start in order, drain and close in reverse).
 */
package dev.clarity.bot.app;
