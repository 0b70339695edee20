-- The CRM's business side, part 1: customers with a lifecycle, contacts and a billing currency; exchange rates;
-- projects with milestones and tasks, rates, budgets and rounding; timers and time records with an audit trail; cost
-- lines for executions' machine time and AI usage; invoices and credit notes with gap-free numbers per year.
-- Money is numeric plus a three-letter ISO 4217 code, never a floating-point type.

-- The organisation using Clarity: its base currency (reports convert into it) and its invoice numbering prefix.
create table organisation_settings (
    id                  integer     primary key default 1,
    name                varchar     not null default 'Clarity',
    base_currency       char(3)     not null default 'EUR',
    invoice_prefix      varchar     not null default 'INV',
    credit_note_prefix  varchar     not null default 'CN',
    payment_terms_days  integer     not null default 30,
    constraint organisation_settings_single_row check (id = 1),
    constraint organisation_settings_currency_check check (base_currency ~ '^[A-Z]{3}$'),
    constraint organisation_settings_terms_check check (payment_terms_days between 0 and 365)
);
insert into organisation_settings (id) values (1);

alter table customers add column lifecycle varchar not null default 'active';
alter table customers add column billing_currency char(3) not null default 'EUR';
alter table customers add column billing_name varchar;
alter table customers add column billing_address varchar;
alter table customers add column billing_email varchar;
alter table customers add column tax_id varchar;
alter table customers add column notes varchar;
-- The manager who looks after the customer: a manager sees and bills their own customers.
alter table customers add column manager_id bigint references people (id);
alter table customers add constraint customers_lifecycle_check
    check (lifecycle in ('lead', 'active', 'paused', 'former'));
alter table customers add constraint customers_currency_check check (billing_currency ~ '^[A-Z]{3}$');
create index customers_manager_idx on customers (manager_id);

-- Every lifecycle change with the date it took effect (lead -> active -> paused -> former, or back).
create table customer_lifecycle_changes (
    id              bigint generated always as identity primary key,
    customer_id     bigint      not null references customers (id),
    from_state      varchar,
    to_state        varchar     not null,
    effective_on    date        not null,
    changed_at      timestamptz not null default now(),
    actor           varchar     not null,
    constraint customer_lifecycle_changes_to_check check (to_state in ('lead', 'active', 'paused', 'former'))
);
create index customer_lifecycle_changes_customer_idx on customer_lifecycle_changes (customer_id, changed_at);

create table customer_contacts (
    id              bigint generated always as identity primary key,
    customer_id     bigint      not null references customers (id),
    name            varchar     not null,
    email           varchar,
    phone           varchar,
    role            varchar,
    archived_at     timestamptz,
    created_at      timestamptz not null default now(),
    constraint customer_contacts_name_not_blank check (length(trim(name)) > 0)
);
create index customer_contacts_customer_idx on customer_contacts (customer_id);

-- Rates an admin maintains: 1 from_currency = rate to_currency on rate_date. A report converts a record with the
-- rate of the record's date (the latest rate on or before it) and says which rate it used.
create table exchange_rates (
    rate_date       date        not null,
    from_currency   char(3)     not null,
    to_currency     char(3)     not null,
    rate            numeric(20, 10) not null,
    created_at      timestamptz not null default now(),
    constraint exchange_rates_pkey primary key (from_currency, to_currency, rate_date),
    constraint exchange_rates_rate_check check (rate > 0),
    constraint exchange_rates_pair_check check (from_currency <> to_currency
        and from_currency ~ '^[A-Z]{3}$' and to_currency ~ '^[A-Z]{3}$')
);

-- Billing settings of a project. Rates are in the customer's billing currency, per hour.
alter table projects add column billable boolean not null default true;
alter table projects add column hourly_rate numeric(14, 4);
alter table projects add column budget_hours numeric(12, 2);
alter table projects add column budget_money numeric(16, 2);
alter table projects add column rounding varchar not null default 'none';
alter table projects add constraint projects_rounding_check check (rounding in ('none', 'up_6', 'up_15'));
alter table projects add constraint projects_billing_check check ((hourly_rate is null or hourly_rate >= 0)
    and (budget_hours is null or budget_hours > 0) and (budget_money is null or budget_money > 0));

-- The people working on a project (team members see the projects they are on), each with an optional own rate.
create table project_members (
    project_id      bigint      not null references projects (id),
    person_id       bigint      not null references people (id),
    hourly_rate     numeric(14, 4),
    added_at        timestamptz not null default now(),
    constraint project_members_pkey primary key (project_id, person_id),
    constraint project_members_rate_check check (hourly_rate is null or hourly_rate >= 0)
);
create index project_members_person_idx on project_members (person_id);

create table milestones (
    id              bigint generated always as identity primary key,
    project_id      bigint      not null references projects (id),
    name            varchar     not null,
    due_on          date,
    position        integer     not null default 0,
    archived_at     timestamptz,
    created_at      timestamptz not null default now(),
    constraint milestones_name_not_blank check (length(trim(name)) > 0)
);
create index milestones_project_idx on milestones (project_id, position);

-- A project's own work items (not the repository's task list): what people track their time against.
create table project_tasks (
    id              bigint generated always as identity primary key,
    project_id      bigint      not null references projects (id),
    milestone_id    bigint      references milestones (id),
    name            varchar     not null,
    billable        boolean,
    position        integer     not null default 0,
    done_at         timestamptz,
    archived_at     timestamptz,
    created_at      timestamptz not null default now(),
    constraint project_tasks_name_not_blank check (length(trim(name)) > 0)
);
create index project_tasks_project_idx on project_tasks (project_id, milestone_id, position);

-- At most one timer per person (the primary key says so). Running: paused_at is null and the current segment began
-- at segment_started_at; paused: paused_at is set. accumulated_seconds holds the finished segments.
create table timers (
    person_id           bigint      primary key references people (id),
    project_id          bigint      not null references projects (id),
    project_task_id     bigint      references project_tasks (id),
    note                varchar,
    started_at          timestamptz not null,
    segment_started_at  timestamptz not null,
    paused_at           timestamptz,
    accumulated_seconds bigint      not null default 0,
    constraint timers_accumulated_check check (accumulated_seconds >= 0)
);

-- Time worked. seconds is what was worked; billable_seconds is it after the project's rounding rule at the time it
-- was recorded. billed_invoice_id is set when an issued invoice bills the record, and never twice.
create table time_records (
    id                  bigint generated always as identity primary key,
    person_id           bigint      not null references people (id),
    project_id          bigint      not null references projects (id),
    project_task_id     bigint      references project_tasks (id),
    started_at          timestamptz not null,
    seconds             bigint      not null,
    billable_seconds    bigint      not null,
    billable            boolean     not null,
    note                varchar,
    source              varchar     not null default 'manual',
    billed_invoice_id   bigint,
    deleted_at          timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint time_records_seconds_check check (seconds > 0 and billable_seconds >= seconds),
    constraint time_records_source_check check (source in ('timer', 'manual'))
);
create index time_records_project_idx on time_records (project_id, started_at desc, id desc);
create index time_records_person_idx on time_records (person_id, started_at desc, id desc);
create index time_records_unbilled_idx on time_records (project_id, started_at)
    where billed_invoice_id is null and billable and deleted_at is null;

-- Every change to a time record: who, when, what it was before and after (JSON), and why.
create table time_record_changes (
    id              bigint generated always as identity primary key,
    time_record_id  bigint      not null references time_records (id),
    changed_at      timestamptz not null default now(),
    actor           varchar     not null,
    action          varchar     not null,
    before_json     varchar,
    after_json      varchar,
    reason          varchar,
    constraint time_record_changes_action_check check (action in ('created', 'corrected', 'deleted'))
);
create index time_record_changes_record_idx on time_record_changes (time_record_id, changed_at);

-- What an execution cost on its project: machine time and AI usage (one row per execution and kind, so recording
-- it again after a restart changes nothing), or another cost an admin adds by hand.
create table cost_lines (
    id                  bigint generated always as identity primary key,
    project_id          bigint      not null references projects (id),
    execution_id        bigint      references executions (id),
    kind                varchar     not null,
    description         varchar     not null,
    quantity            numeric(18, 6) not null,
    unit                varchar     not null,
    amount              numeric(18, 6) not null,
    currency            char(3)     not null,
    incurred_on         date        not null,
    billable            boolean     not null default true,
    billed_invoice_id   bigint,
    created_at          timestamptz not null default now(),
    constraint cost_lines_kind_check check (kind in ('machine_time', 'ai_usage', 'other')),
    constraint cost_lines_amount_check check (amount >= 0 and quantity >= 0),
    constraint cost_lines_currency_check check (currency ~ '^[A-Z]{3}$')
);
create unique index cost_lines_execution_kind_key on cost_lines (execution_id, kind) where execution_id is not null;
create index cost_lines_project_idx on cost_lines (project_id, incurred_on);

-- Invoices and credit notes. A draft has no number; issuing takes the next number of its kind and year (gap-free:
-- invoice_counters is locked in the issuing transaction) and freezes it: an issued invoice is never edited, a credit
-- note corrects it.
create table invoices (
    id                  bigint generated always as identity primary key,
    customer_id         bigint      not null references customers (id),
    kind                varchar     not null default 'invoice',
    state               varchar     not null default 'draft',
    number              varchar,
    number_year         integer,
    number_seq          integer,
    corrects_invoice_id bigint      references invoices (id),
    currency            char(3)     not null,
    period_from         date,
    period_to           date,
    issued_on           date,
    due_on              date,
    paid_on             date,
    total               numeric(18, 2) not null default 0,
    notes               varchar,
    quickbooks_id       varchar,
    created_by          varchar     not null,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint invoices_kind_check check (kind in ('invoice', 'credit_note')),
    constraint invoices_state_check check (state in ('draft', 'issued', 'paid', 'void')),
    constraint invoices_number_key unique (kind, number_year, number_seq),
    constraint invoices_number_when_issued check ((state = 'draft') = (number is null)),
    constraint invoices_credit_note_corrects check ((kind = 'credit_note') = (corrects_invoice_id is not null)),
    constraint invoices_currency_check check (currency ~ '^[A-Z]{3}$')
);
create index invoices_customer_idx on invoices (customer_id, id desc);

create table invoice_counters (
    kind            varchar     not null,
    year            integer     not null,
    last_seq        integer     not null,
    constraint invoice_counters_pkey primary key (kind, year)
);

create table invoice_lines (
    id              bigint generated always as identity primary key,
    invoice_id      bigint      not null references invoices (id),
    position        integer     not null,
    project_id      bigint      references projects (id),
    person_id       bigint      references people (id),
    description     varchar     not null,
    quantity        numeric(14, 4) not null,
    unit            varchar     not null,
    unit_price      numeric(18, 4) not null,
    amount          numeric(18, 2) not null,
    constraint invoice_lines_description_not_blank check (length(trim(description)) > 0)
);
create index invoice_lines_invoice_idx on invoice_lines (invoice_id, position);

-- Which time records and cost lines a draft's line gathers; issuing sets their billed_invoice_id.
create table invoice_line_sources (
    invoice_line_id bigint      not null references invoice_lines (id) on delete cascade,
    time_record_id  bigint      references time_records (id),
    cost_line_id    bigint      references cost_lines (id),
    constraint invoice_line_sources_one check ((time_record_id is null) <> (cost_line_id is null))
);
create index invoice_line_sources_line_idx on invoice_line_sources (invoice_line_id);
create index invoice_line_sources_time_idx on invoice_line_sources (time_record_id);
create index invoice_line_sources_cost_idx on invoice_line_sources (cost_line_id);

alter table time_records add constraint time_records_billed_fk foreign key (billed_invoice_id) references invoices (id);
alter table cost_lines add constraint cost_lines_billed_fk foreign key (billed_invoice_id) references invoices (id);
