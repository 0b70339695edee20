-- A password Clarity made up (first admin, `users add`, `users reset`, a new person in the CRM) is good for one
-- sign-in only: until the person chooses their own, every page sends them to /account/password.
alter table people add column must_change_password boolean not null default false;
