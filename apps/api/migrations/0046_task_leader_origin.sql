-- A task's responsible leader as a user account (the free-text name stays, for a leader without an
-- account, and always holds the name shown), and the record it was made from in one step: a meeting
-- comment, a ranking row, a 时序进度 lag row, an inspection finding or a citizen's suggestion.
alter table tasks add column responsible_leader_user_id integer references users (id)
--;
alter table tasks add column origin_kind text check (origin_kind in ('meeting_comment', 'ranking', 'progress', 'finding', 'suggestion'))
--;
alter table tasks add column origin_id integer
--;
-- For a ranking or lag row: the unit (and indicator) of the run named by origin_id.
alter table tasks add column origin_unit_id integer references units (id)
--;
alter table tasks add column origin_indicator_id integer references indicators (id)
--;
create index tasks_origin_idx on tasks (origin_kind, origin_id)
