-- Every delivery row is written twice: inserted as accepted before GitHub is answered, then updated with its final
-- outcome. Room left in each page lets that update stay on the page (a HOT update) without touching the indexes,
-- which under a burst of deliveries is most of the database's work on this table.
-- [jooq ignore start]
alter table webhook_deliveries set (fillfactor = 70);
-- [jooq ignore stop]
