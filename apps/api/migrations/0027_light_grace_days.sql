-- Working days after a unit takes an item on (signs a task, or it is issued where signing is off; a
-- problem is put on the ledger) during which lagging behind 时序进度 does not yet light yellow.
alter table supervision_settings add column grace_days integer not null default 3 check (grace_days between 0 and 30)
