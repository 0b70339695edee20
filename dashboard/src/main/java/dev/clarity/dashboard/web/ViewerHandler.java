package dev.clarity.dashboard.web;

import dev.clarity.dashboard.auth.Viewer;
import io.javalin.http.Context;

/** A route handler that runs only after the guard has found a viewer with an allowed role. */
@FunctionalInterface
public interface ViewerHandler {
    void handle(Context ctx, Viewer viewer) throws Exception;
}
