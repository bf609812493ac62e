-- A run keeps its inputs (the canonical JSON that its hash is taken of) and, per unit, its
-- indicator results as one json array in the unit's row, instead of a row per unit and indicator:
-- a run of 97 units × 40 indicators writes 98 rows instead of 3,977 with their foreign-key checks
-- and index entries. Explanations are rebuilt from the stored inputs when they are read; results
-- of runs stored before this change keep the explanations they were stored with.
alter table score_runs add column inputs text
--;
alter table unit_scores add column indicators json not null default '[]'
--;
update unit_scores s
   set indicators = coalesce((
     select json_agg(json_build_object('indicatorId', i.indicator_id, 'points', i.points, 'actual', i.actual,
                                       'target', i.target, 'lag', i.lag, 'explanation', i.explanation)
                     order by i.indicator_id)
       from indicator_scores i
      where i.run_id = s.run_id and i.unit_id = s.unit_id), '[]')
--;
drop table indicator_scores
