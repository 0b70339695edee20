package dev.clarity.benchmarks.kit;

import org.jooq.DSLContext;

/**
 * Seeds CRM volumes in a few set-based statements. Time records go in with the {@code time_daily}, {@code time_monthly} and {@code time_totals}
 * roll-up trigger switched off (it upserts one row per record, which made a million records take many minutes) and the roll-ups are
 * then rebuilt in one aggregate each, exactly as migrations V32, V37 and V40 first filled them; the trigger is on again afterwards, so
 * later single records keep it current as in production.
 */
public final class CrmSeed {
    private final DSLContext dsl;

    public CrmSeed(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Customers {@code customer-1..n}, billing in EUR, USD and GBP in turn when {@code mixed}, else EUR. */
    public CrmSeed customers(int n, boolean mixedCurrencies) {
        dsl.execute(
                "insert into customers (name, slug, billing_currency) select 'Customer ' || i, 'customer-' || i, "
                        + (mixedCurrencies ? "(array['EUR','USD','GBP'])[1 + i % 3]" : "'EUR'")
                        + " from generate_series(1, ?) i",
                n);
        return this;
    }

    /** {@code perCustomer} projects for every customer at {@code hourlyRate}, rounding none, up to 6, up to 15 in turn. */
    public CrmSeed projects(int perCustomer, int hourlyRate) {
        dsl.execute(
                "insert into projects (customer_id, name, repository, clone_url, hourly_rate, rounding)"
                        + " select c.id, 'Project ' || c.id || '-' || j, 'org-' || c.id || '/repo-' || j,"
                        + " 'https://example.invalid/' || c.id || '/' || j, ?, (array['none','up_6','up_15'])[1 + j % 3]"
                        + " from customers c, generate_series(1, ?) j order by c.id, j",
                hourlyRate, perCustomer);
        return this;
    }

    /** Team members {@code person-1..n}. */
    public CrmSeed people(int n) {
        dsl.execute(
                "insert into people (login, display_name, role) select 'person-' || i, 'Person ' || i,"
                        + " 'team_member' from generate_series(1, ?) i",
                n);
        return this;
    }

    /**
     * Inserts time records from {@code select}, which yields (person_id, project_id, started_at, seconds,
     * billable_seconds, billable), then rebuilds the roll-up.
     */
    public CrmSeed timeRecords(String select) {
        return withoutRollUp("insert into time_records (person_id, project_id, started_at, seconds, billable_seconds,"
                + " billable, note) " + select);
    }

    /**
     * Runs {@code sql} (a bulk change of time records) with the roll-up trigger off, then counts the daily, monthly
     * and all-time sums afresh, in one transaction: far faster than the trigger row by row.
     */
    public CrmSeed withoutRollUp(String sql) {
        dsl.transaction(cfg -> {
            var tx = cfg.dsl();
            tx.execute("alter table time_records disable trigger time_records_roll_up");
            tx.execute(sql);
            tx.execute("truncate time_daily");
            tx.execute("insert into time_daily (project_id, person_id, day, seconds, billable_seconds,"
                    + " unbilled_seconds) select project_id, person_id,"
                    + " (started_at at time zone organisation_time_zone())::date,"
                    + " sum(seconds), sum(case when billable then billable_seconds else 0 end),"
                    + " sum(case when billable and billed_invoice_id is null then billable_seconds else 0 end)"
                    + " from time_records where deleted_at is null group by 1, 2, 3");
            tx.execute("truncate time_monthly");
            tx.execute("insert into time_monthly (project_id, person_id, month, seconds, billable_seconds,"
                    + " unbilled_seconds) select project_id, person_id, date_trunc('month', day)::date, sum(seconds),"
                    + " sum(billable_seconds), sum(unbilled_seconds) from time_daily group by 1, 2, 3");
            tx.execute("truncate time_totals");
            tx.execute(
                    "insert into time_totals (project_id, person_id, seconds, billable_seconds)"
                            + " select project_id, person_id, sum(seconds), sum(billable_seconds) from time_daily group by 1, 2");
            tx.execute("alter table time_records enable trigger time_records_roll_up");
        });
        return this;
    }

    /** Fresh planner statistics; call once seeding is done. */
    public void analyze() {
        dsl.execute("analyze");
    }

    /** The id of {@code person-1}; ids need not start at 1 when accounts were added first. */
    public long firstPerson() {
        return dsl.fetchOne("select min(id) from people where login = 'person-1'")
                .get(0, Long.class);
    }
}
