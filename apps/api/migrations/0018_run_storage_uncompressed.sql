-- A run's stored inputs and indicator results are written once and read whole: keep them out of
-- line but uncompressed, as compressing them is most of the cost of storing a run.
alter table score_runs alter column inputs set storage external
--;
alter table unit_scores alter column indicators set storage external
