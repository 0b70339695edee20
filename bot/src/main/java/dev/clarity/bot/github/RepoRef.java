package dev.clarity.bot.github;

/** A repository on GitHub, {@code owner/name}. */
public record RepoRef(String owner, String name) {
    public RepoRef {
        if (owner == null || owner.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a repository needs an owner and a name: " + owner + "/" + name);
        }
    }

    /** Reads {@code "owner/name"}. */
    public static RepoRef parse(String fullName) {
        int slash = fullName == null ? -1 : fullName.indexOf('/');
        if (slash <= 0 || slash != fullName.lastIndexOf('/')) {
            throw new IllegalArgumentException("not an owner/name repository: " + fullName);
        }
        return new RepoRef(fullName.substring(0, slash), fullName.substring(slash + 1));
    }

    public String fullName() {
        return owner + "/" + name;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
