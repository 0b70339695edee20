/**
 * What Clarity writes for people on GitHub — pull request bodies, check run output, the progress comment — as pure
 * functions from records to Markdown, filled into templates under {@code templates/} and tested against golden files.
 * Record fields hold raw text; every renderer escapes it with {@link dev.clarity.bot.markdown.Markdown}. Depends on
 * the JDK, the markdown package and the github package (for annotation records).
 */
package dev.clarity.bot.render;
