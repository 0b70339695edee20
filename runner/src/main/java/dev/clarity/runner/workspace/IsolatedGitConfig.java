package dev.clarity.runner.workspace;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Makes JGit ignore the machine's and the user's git config (no {@code ~/.gitconfig}, no {@code /etc/gitconfig}):
 * a runner's git must not take hooks, identities, URL rewrites or credential helpers from whoever runs Clarity, and
 * tests behave the same on every machine. Installed by {@link GitWorkspaces}; {@link #install()} is idempotent and
 * process-wide. A workspace's own {@code .git/config} is rewritten to Clarity's keys before each use
 * ({@link OwnedGitConfig}, through {@link WorkspaceGit}).
 */
public final class IsolatedGitConfig extends SystemReader.Delegate {
    private static volatile boolean installed;

    private IsolatedGitConfig(SystemReader delegate) {
        super(delegate);
    }

    public static synchronized void install() {
        if (!installed) {
            SystemReader.setInstance(new IsolatedGitConfig(SystemReader.getInstance()));
            installed = true;
        }
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return emptyConfig(parent, fs);
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return emptyConfig(parent, fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return emptyConfig(parent, fs);
    }

    @Override
    public StoredConfig getUserConfig() {
        return emptyConfig(null, FS.DETECTED);
    }

    @Override
    public StoredConfig getSystemConfig() {
        return emptyConfig(null, FS.DETECTED);
    }

    @Override
    public StoredConfig getJGitConfig() {
        return emptyConfig(null, FS.DETECTED);
    }

    private static FileBasedConfig emptyConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, new File("/nonexistent/clarity-isolated-gitconfig"), fs) {
            @Override
            public void load() {}

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }
}
