/**
 * Finds a repository's build (Maven, Gradle, Cargo, Go, npm/pnpm/yarn, pytest) from its files alone, running nothing,
 * and renders the starter {@code .clarity.yml} that {@code clarity init} writes. Depends on the runner's config and
 * policy packages, the vocabulary and Jackson (to read {@code package.json}).
 */
package dev.clarity.runner.detect;
