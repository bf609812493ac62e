-- A score run made for a bulletin's figures (as of the bulletin's date) is kept for the bulletin and
-- its links, but not listed among the scheme's runs, so the rankings page still opens on the latest
-- run of its own.
alter table score_runs drop constraint score_runs_trigger_check
--;
alter table score_runs add constraint score_runs_trigger_check check (trigger in ('manual', 'schedule', 'bulletin'))
