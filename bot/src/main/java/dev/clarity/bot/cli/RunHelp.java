package dev.clarity.bot.cli;

import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Tool;
import java.util.ListResourceBundle;

/**
 * The help texts of {@code clarity run} that list a vocabulary, and its footer pointing at the configuration
 * reference. An annotation can only hold a constant, so picocli reads these through {@code @Command(resourceBundle)}
 * and each option's {@code descriptionKey}, and the lists come from the enums that define them. Public with a public constructor: {@link java.util.ResourceBundle} creates it.
 */
public final class RunHelp extends ListResourceBundle {
    static final String TOOL = "tool";
    static final String MERGE_POLICY = "merge-policy";

    /** Where a user learns what the repository's file may say; picocli prints it below the options. */
    static final String FOOTER = "%nThe repository's .clarity.yml (tool, merge policy, sandbox, allowed commands,"
            + " checks, gates) is read at the commit an item starts from; every key is described in"
            + " docs/configuration.md, and `clarity init` writes a commented one.";

    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {TOOL, Tool.alternatives()}, {MERGE_POLICY, MergePolicy.alternatives()}, {"usage.footer", FOOTER}
        };
    }
}
