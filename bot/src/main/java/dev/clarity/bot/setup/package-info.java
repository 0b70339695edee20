/**
 * First-time setup through GitHub's App manifest flow: {@code GET /setup} posts {@code app-manifest.yml} (URLs
 * rewritten from {@code CLARITY_PUBLIC_URL}) to GitHub, {@code GET /setup/callback} exchanges the code and stores the
 * App's id, key and webhook secret under {@code CLARITY_DATA_DIR}. Depends on Javalin, Jackson (YAML) and the JDK.
 */
package dev.clarity.bot.setup;
