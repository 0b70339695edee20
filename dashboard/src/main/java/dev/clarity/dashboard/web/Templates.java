package dev.clarity.dashboard.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.ResourceCodeResolver;
import io.javalin.rendering.FileRenderer;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * The JTE engine for the templates under {@code src/main/resources/templates}, compiled at run time into
 * {@code classDir} (a directory under the data dir, never the working directory). HTML output is escaped by
 * default. Thread-safe.
 */
public final class Templates {
    private final TemplateEngine engine;

    public Templates(Path classDir) {
        ClassLoader loader = Templates.class.getClassLoader();
        this.engine = TemplateEngine.create(
                new ResourceCodeResolver("templates", loader), classDir, ContentType.Html, loader);
    }

    /** The renderer that {@code ctx.render(name, model)} uses. */
    public FileRenderer renderer() {
        // JTE picks its Object overload for Map<String, ? extends Object>: copy into Map<String, Object>.
        return (file, model, ctx) -> {
            StringOutput out = new StringOutput();
            engine.render(file, new HashMap<String, Object>(model), out);
            return out.toString();
        };
    }
}
