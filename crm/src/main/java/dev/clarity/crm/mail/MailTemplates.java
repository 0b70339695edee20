package dev.clarity.crm.mail;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.ResourceCodeResolver;
import java.nio.file.Path;
import java.util.Map;

/**
 * The mail templates under {@code src/main/resources/mail}: {@code html/NAME.jte} (escaped as HTML) and
 * {@code text/NAME.jte} (plain) render the two parts of one mail from the same model. Compiled at run time into
 * {@code classDir} (under the data directory), as the dashboard's pages are. Thread-safe.
 */
public final class MailTemplates {
    private final TemplateEngine html;
    private final TemplateEngine text;

    public MailTemplates(Path classDir) {
        ClassLoader loader = MailTemplates.class.getClassLoader();
        this.html = TemplateEngine.create(
                new ResourceCodeResolver("mail/html", loader), classDir.resolve("html"), ContentType.Html, loader);
        this.text = TemplateEngine.create(
                new ResourceCodeResolver("mail/text", loader), classDir.resolve("text"), ContentType.Plain, loader);
    }

    /** Both parts of template {@code name} for {@code params} (the names its {@code @param} lines declare). */
    public Body render(String name, Map<String, Object> params) {
        StringOutput h = new StringOutput();
        html.render(name + ".jte", params, h);
        StringOutput t = new StringOutput();
        text.render(name + ".jte", params, t);
        return new Body(h.toString(), t.toString().strip() + "\n");
    }

    /** The HTML and text parts of one mail. */
    public record Body(String html, String text) {}
}
