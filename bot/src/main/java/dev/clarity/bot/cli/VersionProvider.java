package dev.clarity.bot.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ({@code Implementation-Version}), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"clarity " + version(), "Java " + Runtime.version()};
    }

    static String version() {
        String v = ClarityCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
