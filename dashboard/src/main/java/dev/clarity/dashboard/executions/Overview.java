package dev.clarity.dashboard.executions;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.vocabulary.Badge;
import java.util.List;
import org.jooq.DSLContext;

/** The grid's left panel: customers with their active projects and executions, and the projects to start. */
public final class Overview {
    private final DSLContext dsl;

    public Overview(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<CustomerLine> customers(Viewer viewer) {
        return dsl.select(CUSTOMERS.ID, CUSTOMERS.NAME, countDistinct(PROJECTS.ID), count(EXECUTIONS.ID))
                .from(CUSTOMERS)
                .join(PROJECTS)
                .on(PROJECTS.CUSTOMER_ID.eq(CUSTOMERS.ID).and(PROJECTS.ARCHIVED_AT.isNull()))
                .leftJoin(EXECUTIONS)
                .on(EXECUTIONS
                        .PROJECT_ID
                        .eq(PROJECTS.ID)
                        .and(EXECUTIONS.BADGE.notIn(Badge.spellingsOf(Badge::isTerminal))))
                .where(CUSTOMERS.ARCHIVED_AT.isNull())
                .and(ExecutionQueries.scope(viewer))
                .groupBy(CUSTOMERS.ID, CUSTOMERS.NAME)
                .orderBy(CUSTOMERS.NAME)
                .fetch(r -> new CustomerLine(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Active projects the viewer may see, for the quick-start form. */
    public List<ProjectLine> projects(Viewer viewer) {
        return dsl.select(PROJECTS.ID, CUSTOMERS.NAME, PROJECTS.NAME, PROJECTS.REPOSITORY)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(PROJECTS.ARCHIVED_AT.isNull())
                .and(CUSTOMERS.ARCHIVED_AT.isNull())
                .and(ExecutionQueries.scope(viewer))
                .orderBy(CUSTOMERS.NAME, PROJECTS.NAME)
                .fetch(r -> new ProjectLine(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** A customer with how many active projects and running or waiting executions it has. */
    public record CustomerLine(long id, String name, int projects, int activeExecutions) {}

    /** A project to pick in the quick-start form. */
    public record ProjectLine(long id, String customer, String name, String repository) {}
}
