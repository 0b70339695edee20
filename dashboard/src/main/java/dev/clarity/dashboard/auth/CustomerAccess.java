package dev.clarity.dashboard.auth;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;

import dev.clarity.migrations.jooq.tables.Projects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The one rule for whose customers and projects a person reaches, used by every page and API that shows or changes a
 * customer's data (customers, contacts, projects, plans, budgets, messages, proposals, invoices, reports) and by every
 * list, page, log and control of executions. An admin reaches every customer and project; a manager the customers
 * whose {@code customers.manager_id} is them and all their projects (a project's own manager does not widen it, see
 * ADR 0038); a client their own customer and its projects; a team member the projects a {@code project_members} row
 * puts them on, and the customers of those projects, of which they see only those projects (ADR 0040). Executions
 * follow their project ({@code executions.project_id}). Callers answer 404 for what is not reached, and lists filter
 * in SQL: {@link #reached} on a customer id, {@link #reachedProjects} on a project. Thread-safe.
 */
public final class CustomerAccess {
    private static final Projects MEMBER_PROJECT = PROJECTS.as("member_project");

    private final DSLContext dsl;

    public CustomerAccess(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** True when {@code v} reaches every customer and project (admins): queries need no condition for them. */
    public static boolean reachesEvery(Viewer v) {
        return v.role() == Role.ADMIN;
    }

    /**
     * A condition on {@code customerId} (a customer id column of any table) keeping the customers {@code v} reaches. A
     * team member reaches a customer through any one of its projects: a list of projects, executions or anything else
     * that belongs to a project must use {@link #reachedProjects} instead, or it would show them the customer's other
     * projects.
     */
    public static Condition reached(Viewer v, Field<Long> customerId) {
        return switch (v.role()) {
            case ADMIN -> DSL.noCondition();
            case MANAGER ->
                customerId.in(DSL.select(CUSTOMERS.ID).from(CUSTOMERS).where(CUSTOMERS.MANAGER_ID.eq(v.personId())));
            case TEAM_MEMBER ->
                customerId.in(DSL.select(MEMBER_PROJECT.CUSTOMER_ID)
                        .from(MEMBER_PROJECT)
                        .where(MEMBER_PROJECT.ID.in(memberOf(v))));
            case CLIENT -> v.customerId() == null ? DSL.falseCondition() : customerId.eq(v.customerId());
        };
    }

    /**
     * A condition keeping the projects {@code v} reaches, on a query with a project's id and its customer's id
     * ({@code PROJECTS.ID} and {@code PROJECTS.CUSTOMER_ID} of the same row, usually): a team member's the projects
     * they are a member of, everyone else's the projects of the customers they reach ({@link #reached}, so the SQL
     * for admins, managers and clients is the customer condition alone).
     */
    public static Condition reachedProjects(Viewer v, Field<Long> projectId, Field<Long> customerId) {
        return v.role() == Role.TEAM_MEMBER ? projectId.in(memberOf(v)) : reached(v, customerId);
    }

    /** The ids of the projects {@code v} is a member of, served by {@code project_members_person_idx}. */
    private static Select<Record1<Long>> memberOf(Viewer v) {
        return DSL.select(PROJECT_MEMBERS.PROJECT_ID)
                .from(PROJECT_MEMBERS)
                .where(PROJECT_MEMBERS.PERSON_ID.eq(v.personId()));
    }

    /** True when customer {@code customerId} exists and {@code v} reaches it. */
    public boolean customer(Viewer v, long customerId) {
        return dsl.fetchExists(CUSTOMERS, CUSTOMERS.ID.eq(customerId).and(reached(v, CUSTOMERS.ID)));
    }

    /** True when project {@code projectId} exists and {@code v} reaches it ({@link #reachedProjects}). */
    public boolean project(Viewer v, long projectId) {
        return dsl.fetchExists(
                PROJECTS, PROJECTS.ID.eq(projectId).and(reachedProjects(v, PROJECTS.ID, PROJECTS.CUSTOMER_ID)));
    }
}
