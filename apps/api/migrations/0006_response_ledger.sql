-- Which audit batch entered each response in the log. Responses commit in any order, so the
-- ledger records membership instead of trusting id ranges.
create table response_ledger (
  response_id integer primary key references responses (id),
  batch integer not null
)
--;
create index response_ledger_batch_idx on response_ledger (batch)
--;
create index suggestions_response_idx on suggestions (response_id)
