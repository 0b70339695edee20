package dev.clarity.dashboard.audit;

import static dev.clarity.migrations.jooq.Tables.AUDIT;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@code GET /audit} for admins: the latest {@value #PAGE} audit rows, newest first, optionally of one target type
 * ({@code ?type=campaign}), older ones by {@code ?before=ID}. A type that is not a plain word is refused (400).
 */
public final class AuditRoutes {
    static final int PAGE = 100;

    private final Guard guard;
    private final DSLContext dsl;

    public AuditRoutes(Guard guard, DSLContext dsl) {
        this.guard = guard;
        this.dsl = dsl;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/audit", guard.allow(Guard.ADMINS, this::page));
    }

    private void page(Context ctx, Viewer v) {
        String type = ctx.queryParam("type");
        type = type == null || type.isBlank() ? "" : type.strip();
        if (!type.matches("[a-z_]{0,40}")) {
            throw new BadRequestResponse("The type is a target type such as campaign or invoice.");
        }
        Long before;
        try {
            before = ctx.queryParam("before") == null ? null : Long.valueOf(ctx.queryParam("before"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("The before parameter is the id of an audit row.");
        }
        Condition where = DSL.trueCondition();
        if (!type.isEmpty()) {
            where = where.and(AUDIT.TARGET_TYPE.eq(type));
        }
        if (before != null) {
            where = where.and(AUDIT.ID.lt(before));
        }
        List<AuditRow> rows = dsl.select(
                        AUDIT.ID, AUDIT.AT, AUDIT.ACTOR, AUDIT.ACTION, AUDIT.TARGET_TYPE, AUDIT.TARGET_ID, AUDIT.DETAIL)
                .from(AUDIT)
                .where(where)
                .orderBy(AUDIT.ID.desc())
                .limit(PAGE)
                .fetch(r -> new AuditRow(
                        r.value1(),
                        r.value2().toInstant(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        r.value7()));
        List<String> types = dsl.selectDistinct(AUDIT.TARGET_TYPE)
                .from(AUDIT)
                .orderBy(AUDIT.TARGET_TYPE)
                .fetch(AUDIT.TARGET_TYPE);
        ctx.render(
                "audit.jte",
                Map.of(
                        "chrome", new Chrome(v, "Audit", "audit", null, null),
                        "rows", rows,
                        "types", types,
                        "type", type,
                        "older",
                                rows.size() == PAGE
                                        ? Long.toString(rows.getLast().id())
                                        : ""));
    }
}
