package dev.clarity.bot.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.markdown.GitHubFlavor;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Checks on what Clarity wrote from {@link RenderersFixtures#HOSTILE_TITLE}: read back as GitHub would, it mentions
 * nobody, shows no image or link of the title's, and holds no HTML but Clarity's own; its tables have their cells.
 */
public final class Hostile {
    /** The HTML Clarity's templates write themselves. */
    private static final List<String> OWN_HTML =
            List.of("<!-- clarity:", "<details open>", "<summary>", "</summary>", "</details>", "<sub>", "</sub>");

    private Hostile() {}

    public static void assertHarmless(String markdown) {
        assertHarmless(markdown, RenderersFixtures.HOSTILE_TITLE);
    }

    /** {@link #assertHarmless(String)} for a text that shows {@code title} as written. */
    public static void assertHarmless(String markdown, String title) {
        assertThat(markdown)
                .as("no image or link syntax from the title")
                .doesNotContain("![x](")
                .doesNotContain("http://evil")
                .doesNotContainPattern("(?<!\\\\)]\\(http://evil");
        assertThat(markdown.lines().filter(l -> l.contains("<!--")))
                .as("one HTML comment at most: Clarity's own marker, on a line of its own")
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(l -> assertThat(l).matches("<!-- clarity:[a-z]+:[0-9./]+ -->"));
        Node doc = GitHubFlavor.parse(markdown);
        assertThat(GitHubFlavor.nodes(doc, Text.class))
                .as("no mention that notifies (outside code, where GitHub looks for them)")
                .allSatisfy(t -> assertThat(t.getLiteral()).doesNotContainPattern("@[A-Za-z0-9]"));
        assertThat(GitHubFlavor.nodes(doc, Image.class)).isEmpty();
        assertThat(GitHubFlavor.nodes(doc, Link.class))
                .allSatisfy(l -> assertThat(l.getDestination()).startsWith("https://github.com/"));
        for (Node html : GitHubFlavor.nodes(doc)) {
            String literal =
                    html instanceof HtmlInline i ? i.getLiteral() : html instanceof HtmlBlock b ? b.getLiteral() : null;
            if (literal != null) {
                assertThat(literal.lines().map(String::strip).filter(l -> !l.isEmpty()))
                        .as("HTML in the body")
                        .allSatisfy(l -> assertThat(OWN_HTML)
                                .anySatisfy(own -> assertThat(l).startsWith(own)));
            }
        }
        String html = GitHubFlavor.html(markdown);
        assertThat(html).doesNotContain("<img").doesNotContain("evil/p.png\"");
        assertThat(seen(GitHubFlavor.text(doc)))
                .as("the title is shown as written")
                .contains(seen(title));
    }

    /** What a reader sees: joiners are invisible and runs of white space look alike. */
    private static String seen(String s) {
        return s.replace("\u200D", "").replaceAll("\\s+", " ");
    }

    /** The markdown's tables, in order, each of the given shape: {@code "3x4"} is 3 rows (header included) of 4 cells. */
    public static void assertTables(String markdown, String... shapes) {
        List<TableBlock> tables = GitHubFlavor.nodes(GitHubFlavor.parse(markdown), TableBlock.class);
        assertThat(tables).hasSize(shapes.length);
        for (int t = 0; t < shapes.length; t++) {
            int rows = Integer.parseInt(shapes[t].split("x")[0]);
            int cells = Integer.parseInt(shapes[t].split("x")[1]);
            assertThat(GitHubFlavor.nodes(tables.get(t), TableRow.class))
                    .as("rows of table %d", t + 1)
                    .hasSize(rows)
                    .allSatisfy(row ->
                            assertThat(GitHubFlavor.nodes(row, TableCell.class)).hasSize(cells));
        }
    }
}
