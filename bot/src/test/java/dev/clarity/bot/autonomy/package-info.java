/**
 * The autonomy suite: stand-in tools of known behaviour (testkit) on generated task lists, run through the whole
 * application in this process, with what each run earned measured and scored. Shared with the benchmarks module.
 */
package dev.clarity.bot.autonomy;
