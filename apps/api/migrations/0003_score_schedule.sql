-- A scheduled run happens once per scheme and day, even with several instances racing for it.
create unique index score_runs_schedule_once on score_runs (scheme_id, as_of) where trigger = 'schedule'
