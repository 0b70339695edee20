/**
 * A stateful fake of GitHub's REST API for tests (installations, tokens, permissions, comments, reactions, pull
 * requests, check runs, repositories, the manifest conversion), answering with bodies shaped like the recorded real
 * ones under {@code fixtures/github-api/}, recording every write in order, and able to fail a call once on request.
 * Depends on Javalin and Jackson; test scope only.
 */
package dev.clarity.testkit.github;
