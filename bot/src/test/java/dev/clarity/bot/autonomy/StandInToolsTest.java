package dev.clarity.bot.autonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.tasks.TaskListLint;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.testkit.autonomy.GeneratedList;
import dev.clarity.testkit.autonomy.PlantedSecrets;
import dev.clarity.testkit.autonomy.StandInTool;
import dev.clarity.testkit.autonomy.TaskListGenerator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The autonomy suite's fixtures are what they claim: complete scripts, valid task lists. */
class StandInToolsTest {
    static Map<String, String> values() {
        Map<String, String> values = new HashMap<>(PlantedSecrets.generate(1).placeholders());
        values.put("OUTSIDE", "/somewhere/outside");
        values.put("ESCAPE", "escape.txt");
        values.put("HOST", "10.0.0.1");
        values.put("PORT", "9");
        return values;
    }

    @Test
    void every_stand_in_script_has_each_placeholder_filled_and_prints_its_run_marker_first() {
        for (StandInTool tool : StandInTool.values()) {
            String script = tool.script(values());
            assertThat(script).as(tool.slug()).doesNotContainPattern("@[A-Z0-9_]+@");
            assertThat(script.lines().filter(l -> !l.startsWith("#")).findFirst())
                    .as(tool.slug())
                    .hasValueSatisfying(l -> assertThat(l).contains(StandInTool.RUN_MARKER));
        }
    }

    @Test
    void a_script_whose_placeholder_has_no_value_is_refused_naming_it() {
        assertThatThrownBy(() -> StandInTool.OPENS_NETWORK.script(Map.of()))
                .hasMessageContaining("opens-network")
                .hasMessageContaining("@HOST@");
    }

    @Test
    void generated_task_lists_are_valid_and_list_their_leaves_and_items_in_document_order() {
        for (long seed = 1; seed <= 20; seed++) {
            GeneratedList list = TaskListGenerator.generate(seed);
            var parsed = TaskListReader.parse(list.text().getBytes(StandardCharsets.UTF_8));
            assertThat(TaskListLint.hasErrors(TaskListLint.check(parsed)))
                    .as(list.text())
                    .isFalse();
            assertThat(parsed.atomicItems()).extracting(t -> t.id()).containsExactlyElementsOf(list.atomicItems());
            assertThat(parsed.atomicItems().stream().filter(t -> t.checkOf() == null))
                    .extracting(t -> t.id())
                    .containsExactlyElementsOf(list.leaves());
        }
        assertThat(TaskListGenerator.generate(7)).isEqualTo(TaskListGenerator.generate(7));
    }
}
