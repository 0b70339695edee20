package dev.clarity.bot.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * What Clarity writes, read back by a CommonMark parser with GitHub's tables (raw HTML passes through, as on GitHub
 * before its sanitiser): for tests that prove escaped text stays text.
 */
public final class GitHubFlavor {
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().extensions(EXTENSIONS).build();

    private GitHubFlavor() {}

    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    public static String html(String markdown) {
        return HTML.render(parse(markdown));
    }

    /** Every node under {@code root} (itself included), depth first. */
    public static List<Node> nodes(Node root) {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    /** The nodes of this type under {@code root}. */
    public static <T extends Node> List<T> nodes(Node root, Class<T> type) {
        return nodes(root).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The text a reader sees under {@code node}: text and code literals, soft breaks and paragraphs as spaces. */
    public static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(Paragraph paragraph) {
                out.append(' ');
                visitChildren(paragraph);
            }
        });
        return out.toString();
    }

    private static void collect(Node node, List<Node> all) {
        all.add(node);
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, all);
        }
    }
}
