/**
 * The autonomy suite's fixtures: stand-in AI tools of known behaviour (shell scripts the sandbox runs), generated task
 * lists over a small project whose standard check they can pass or fail, and the credentials some tools print.
 * Depends on the JDK only.
 */
package dev.clarity.testkit.autonomy;
