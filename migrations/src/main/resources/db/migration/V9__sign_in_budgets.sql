-- Sign-in budgets (token buckets) that LoginThrottle draws on before a password is checked: one row per key
-- ('pair:<login> <address>', 'login:<login>', 'address:<address>'), holding the instant at which the bucket is full
-- again (GCRA). A missing row is a full bucket; rows full for an hour are swept.
create table sign_in_budgets (
    key      varchar     primary key,
    full_at  timestamptz not null
);
create index sign_in_budgets_full_at_idx on sign_in_budgets (full_at);
