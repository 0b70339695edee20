/**
 * One class per step of an item (SELECT, PREP, IMPLEMENT, VERIFY, ERROR_SOLVE, HUMAN_CHECK, MERGE, PUSH, DONE), each a
 * {@link dev.clarity.bot.orchestrator.StepHandler}, and {@link dev.clarity.bot.orchestrator.steps.Steps}, which wires
 * them into the execution loop. Depends on the orchestrator's core (never the other way), the runner API and the
 * task-list engine.
 */
package dev.clarity.bot.orchestrator.steps;
