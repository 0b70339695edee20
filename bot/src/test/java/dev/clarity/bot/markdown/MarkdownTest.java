package dev.clarity.bot.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownTest {
    static final String Z = "\u200D";

    static Stream<Arguments> inline() {
        return Stream.of(
                Arguments.of("Add the login form", "Add the login form"),
                Arguments.of("Fix @org/team and @ana", "Fix @" + Z + "org/team and @" + Z + "ana"),
                Arguments.of("![x](http://evil/p.png)", "!\\[x\\](http:" + Z + "//evil/p.png)"),
                Arguments.of(
                        "see https://evil.example or WWW.evil.example",
                        "see https:" + Z + "//evil.example or WWW" + Z + ".evil.example"),
                Arguments.of("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
                Arguments.of(
                        "<!-- clarity:progress:1 --> </details>", "&lt;!-- clarity:progress:1 --&gt; &lt;/details&gt;"),
                Arguments.of("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
                Arguments.of("R&D &amp; co", "R&amp;D &amp;amp; co"),
                Arguments.of("key | a", "key \\| a"),
                Arguments.of("first\nsecond\r\n\r\n  third", "first second third"),
                Arguments.of(
                        "Fixes #12, GH-3 and gh-4; #x stays",
                        "Fixes #" + Z + "12, GH-" + Z + "3 and gh-" + Z + "4; #x stays"),
                Arguments.of("snake_case, _em_ and __strong__", "snake_case, \\_em\\_ and \\_\\_strong\\_\\_"),
                Arguments.of("**b** ~~s~~ `c` $x$ \\", "\\*\\*b\\*\\* \\~\\~s\\~\\~ \\`c\\` \\$x\\$ \\\\"),
                Arguments.of("tab\there, nul\u0000 and \u202Eevil", "tab here, nul and evil"),
                Arguments.of("   ", ""),
                Arguments.of(null, ""));
    }

    @ParameterizedTest
    @MethodSource
    void inline(String untrusted, String escaped) {
        assertThat(Markdown.inline(untrusted)).isEqualTo(escaped);
    }

    @Test
    void a_block_escapes_what_would_start_a_block_on_each_line() {
        String goal = "Sign in.\n# not a heading\n- not a list\n+ nor this\n2. nor this\n3) nor this\n"
                + "    not code\n> not a quote\n===\n```\n| not | a table |\n<details>\n\nNew paragraph @ana";

        assertThat(Markdown.block(goal))
                .isEqualTo("Sign in.\n\\# not a heading\n\\- not a list\n\\+ nor this\n2\\. nor this\n3\\) nor this\n"
                        + "not code\n&gt; not a quote\n\\===\n\\`\\`\\`\n\\| not \\| a table \\|\n&lt;details&gt;\n\n"
                        + "New paragraph @" + Z + "ana");
        Node doc = GitHubFlavor.parse(Markdown.block(goal));
        assertThat(GitHubFlavor.nodes(doc))
                .allSatisfy(n -> assertThat(n)
                        .isInstanceOfAny(Document.class, Paragraph.class, Text.class, SoftLineBreak.class));
        assertThat(GitHubFlavor.nodes(doc, Paragraph.class)).hasSize(2);
    }

    static Stream<Arguments> code() {
        return Stream.of(
                Arguments.of("aider", "`aider`"),
                Arguments.of("a`b", "``a`b``"),
                Arguments.of("``x", "``` ``x ```"),
                Arguments.of("x`", "`` x` ``"),
                Arguments.of("` both `", "`` ` both ` ``"),
                Arguments.of("<!-- clarity:progress:1 -->\n@org/team", "`<!-- clarity:progress:1 --> @org/team`"),
                Arguments.of("", "—"));
    }

    @ParameterizedTest
    @MethodSource
    void code(String untrusted, String span) {
        assertThat(Markdown.code(untrusted)).isEqualTo(span);
    }

    @Test
    void code_in_a_cell_escapes_the_pipe_and_anything_else_stays_as_written() {
        assertThat(Markdown.codeInCell("a|b`c")).isEqualTo("``a\\|b`c``");
        assertThat(Markdown.cell(" ")).isEqualTo("—");
        assertThat(Markdown.cell("a|b\nc")).isEqualTo("a\\|b c");
    }

    @Test
    void a_title_is_plain_text_with_mentions_and_references_broken_and_cut_to_githubs_limit() {
        assertThat(Markdown.plain("Fix @org/team <b>#12</b> `x` ![i](http://u)\nnext", 256))
                .isEqualTo("Fix @" + Z + "org/team <b>#" + Z + "12</b> `x` ![i](http:" + Z + "//u) next");
        String cut = Markdown.plain("é".repeat(300) + "\uD83D\uDE00", 256);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(256);
        assertThat(cut).endsWith("é…");
        assertThat(Markdown.shorten("ab\uD83D\uDE00cd", 3)).isEqualTo("ab…");
        assertThat(Markdown.shorten("a\uD83D\uDE00", 2)).isEqualTo("a\uD83D\uDE00");
    }

    @Test
    void only_a_login_is_mentioned_on_purpose() {
        assertThat(Markdown.mention("Codertocat")).isEqualTo("@Codertocat");
        assertThat(Markdown.mention("a-b-1")).isEqualTo("@a-b-1");
        assertThat(Markdown.mention("org/team")).isEqualTo("@" + Z + "org/team");
        assertThat(Markdown.mention("x <!--")).isEqualTo("@" + Z + "x &lt;!--");
    }

    @Test
    void a_link_to_claritys_own_place_encodes_what_would_end_it() {
        assertThat(Markdown.link("artifacts/2.3/", "https://github.com/a/b/tree/task/2.3-x/artifacts/2.3"))
                .isEqualTo("[artifacts/2.3/](https://github.com/a/b/tree/task/2.3-x/artifacts/2.3)");
        assertThat(Markdown.link("a]b", "https://x/(y) z|é")).isEqualTo("[a\\]b](https://x/%28y%29%20z%7C%C3%A9)");
    }

    @Test
    void a_long_text_is_escaped_in_linear_time() {
        String huge = " ".repeat(200_000) + "@".repeat(200_000) + "\n".repeat(200_000) + "_a".repeat(200_000);
        assertThat(Markdown.inline(huge)).hasSizeGreaterThan(600_000);
        assertThat(Markdown.block(huge)).hasSizeGreaterThan(600_000);
    }

    // ---- properties: whatever the text, it renders as itself and as nothing else --------------------------------

    @Provide
    Arbitrary<String> untrusted() {
        return Arbitraries.of(List.of(
                        "@",
                        "org/team",
                        "#",
                        "12",
                        "GH-",
                        "<",
                        ">",
                        "&",
                        "&amp;",
                        "&#64;",
                        "<!--",
                        "-->",
                        "</details>",
                        "<img src=x>",
                        "[",
                        "]",
                        "(",
                        ")",
                        "![",
                        "](",
                        "http://evil/p.png",
                        "*",
                        "**",
                        "_",
                        "__",
                        "~",
                        "~~",
                        "|",
                        "$",
                        "`",
                        "```",
                        "\\",
                        "-",
                        "+",
                        "=",
                        "1.",
                        "1)",
                        ">",
                        " ",
                        "  ",
                        "    ",
                        "\n",
                        "\r\n",
                        "\r",
                        "\t",
                        "a",
                        "word",
                        "é",
                        ":tada:",
                        "\u0000",
                        "\u202E",
                        "\u200D",
                        "x_y"))
                .list()
                .ofMaxSize(14)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void inline_text_renders_as_exactly_itself_and_nothing_else(@ForAll("untrusted") String s) {
        Node doc = GitHubFlavor.parse("x " + Markdown.inline(s));

        assertThat(GitHubFlavor.nodes(doc))
                .allSatisfy(n -> assertThat(n).isInstanceOfAny(Document.class, Paragraph.class, Text.class));
        assertThat(seen(GitHubFlavor.text(doc))).isEqualTo(seen("x " + Markdown.oneLine(Markdown.clean(s))));
    }

    @Property(tries = 3000)
    void a_cell_is_always_one_cell_showing_the_text(@ForAll("untrusted") String s) {
        Node doc = GitHubFlavor.parse(
                "| a | b |\n|---|---|\n| " + Markdown.cell(s) + " | " + Markdown.codeInCell(s) + " |\n| end | end |");

        List<TableRow> rows = GitHubFlavor.nodes(doc, TableRow.class);
        assertThat(GitHubFlavor.nodes(doc, TableBlock.class)).hasSize(1);
        assertThat(rows).hasSize(3);
        List<TableCell> cells = GitHubFlavor.nodes(rows.get(1), TableCell.class);
        assertThat(cells).hasSize(2);
        String expected = Markdown.oneLine(Markdown.clean(s));
        assertThat(seen(GitHubFlavor.text(cells.get(0)))).isEqualTo(expected.isEmpty() ? "—" : seen(expected));
        if (!expected.isEmpty()) {
            assertThat(GitHubFlavor.nodes(cells.get(1), Code.class))
                    .singleElement()
                    .satisfies(c -> assertThat(c.getLiteral()).isEqualTo(expected));
        }
    }

    @Property(tries = 3000)
    void a_code_span_holds_the_text_exactly(@ForAll("untrusted") String s) {
        String expected = Markdown.oneLine(Markdown.clean(s));
        Node doc = GitHubFlavor.parse("x " + Markdown.code(s) + " y");

        if (expected.isEmpty()) {
            assertThat(GitHubFlavor.nodes(doc, Code.class)).isEmpty();
        } else {
            assertThat(GitHubFlavor.nodes(doc, Code.class))
                    .singleElement()
                    .satisfies(c -> assertThat(c.getLiteral()).isEqualTo(expected));
            assertThat(GitHubFlavor.nodes(doc))
                    .allSatisfy(n ->
                            assertThat(n).isInstanceOfAny(Document.class, Paragraph.class, Text.class, Code.class));
        }
    }

    @Property(tries = 3000)
    void a_block_is_paragraphs_of_the_text_and_nothing_else(@ForAll("untrusted") String s) {
        Node doc = GitHubFlavor.parse("Intro.\n\n" + Markdown.block(s) + "\n\nOutro.");

        assertThat(GitHubFlavor.nodes(doc))
                .allSatisfy(n -> assertThat(n)
                        .isInstanceOfAny(Document.class, Paragraph.class, Text.class, SoftLineBreak.class));
        assertThat(seen(GitHubFlavor.text(doc).replace("Intro.", "").replace("Outro.", "")))
                .isEqualTo(seen(Markdown.clean(s)));
    }

    /** What a reader sees: joiners are invisible and runs of white space look alike. */
    private static String seen(String s) {
        return String.join(" ", s.replace(Z, "").strip().split("\\s+")).strip();
    }
}
