package dev.clarity.runner.api;

/** How to authenticate to the git server for one call ({@code x-access-token} + installation token on GitHub). */
public record GitCredentials(String username, String token) {
    public static GitCredentials gitHubToken(String token) {
        return new GitCredentials("x-access-token", token);
    }

    @Override
    public String toString() {
        return "GitCredentials[username=" + username + ", token=***]";
    }
}
