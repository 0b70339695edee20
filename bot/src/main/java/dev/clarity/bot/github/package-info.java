/**
 * GitHub as Clarity sees it: the narrow {@link dev.clarity.bot.github.GitHubGateway} in our own words, App
 * authentication (JWT, cached installation tokens) and one adapter over {@code java.net.http} and Jackson with
 * rate-limit and retry handling. Depends on the JDK, Jackson, Caffeine, java-jwt and BouncyCastle; nothing outside
 * this package sees GitHub's JSON.
 */
package dev.clarity.bot.github;
