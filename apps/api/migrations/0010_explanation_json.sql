-- Indicator explanations are stored and read whole, never searched: keep them as json (text,
-- checked but not parsed into jsonb), which makes storing a run's thousands of rows much cheaper.
alter table indicator_scores alter column explanation type json using explanation::json
