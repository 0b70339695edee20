package dev.clarity.dashboard.auth;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The one rule for whose customers a person reaches, used by every page and API that shows or changes a customer's
 * data (customers, contacts, projects, plans, budgets, messages, proposals, invoices, reports): an admin reaches every
 * customer; a manager the customers whose {@code customers.manager_id} is them (a project's own manager does not
 * widen it, see ADR 0038); a client their own customer; a team member reads every customer, as staff who work on
 * their projects. Executions follow their project's customer (a manager reaches the executions of the customers they
 * manage). Callers answer 404 for what is not reached, and lists filter in SQL with {@link #reached}.
 * Thread-safe.
 */
public final class CustomerAccess {
    private final DSLContext dsl;

    public CustomerAccess(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** True when {@code v} reaches every customer (admins, team members): queries need no condition for them. */
    public static boolean reachesEvery(Viewer v) {
        return v.role() == Role.ADMIN || v.role() == Role.TEAM_MEMBER;
    }

    /** A condition on {@code customerId} (a customer id column of any table) keeping the customers {@code v} reaches. */
    public static Condition reached(Viewer v, Field<Long> customerId) {
        return switch (v.role()) {
            case ADMIN, TEAM_MEMBER -> DSL.noCondition();
            case MANAGER ->
                customerId.in(DSL.select(CUSTOMERS.ID).from(CUSTOMERS).where(CUSTOMERS.MANAGER_ID.eq(v.personId())));
            case CLIENT -> v.customerId() == null ? DSL.falseCondition() : customerId.eq(v.customerId());
        };
    }

    /** True when customer {@code customerId} exists and {@code v} reaches it. */
    public boolean customer(Viewer v, long customerId) {
        return dsl.fetchExists(CUSTOMERS, CUSTOMERS.ID.eq(customerId).and(reached(v, CUSTOMERS.ID)));
    }

    /** True when project {@code projectId} exists and {@code v} reaches its customer. */
    public boolean project(Viewer v, long projectId) {
        return dsl.fetchExists(PROJECTS, PROJECTS.ID.eq(projectId).and(reached(v, PROJECTS.CUSTOMER_ID)));
    }
}
