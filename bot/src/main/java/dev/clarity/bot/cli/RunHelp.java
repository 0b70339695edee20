package dev.clarity.bot.cli;

import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Tool;
import java.util.ListResourceBundle;

/**
 * The help texts of {@code clarity run} that list a vocabulary. An annotation can only hold a constant, so picocli
 * reads these through {@code @Command(resourceBundle)} and each option's {@code descriptionKey}, and the lists come
 * from the enums that define them. Public with a public constructor: {@link java.util.ResourceBundle} creates it.
 */
public final class RunHelp extends ListResourceBundle {
    static final String TOOL = "tool";
    static final String MERGE_POLICY = "merge-policy";

    @Override
    protected Object[][] getContents() {
        return new Object[][] {{TOOL, Tool.alternatives()}, {MERGE_POLICY, MergePolicy.alternatives()}};
    }
}
