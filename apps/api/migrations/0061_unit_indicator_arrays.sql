-- A unit's indicator results are kept as arrays, [indicatorId, points, actual, target, lag,
-- lastYear], instead of objects that name every field: a province's run then writes half the text,
-- and the database's parsing of that text was most of what storing a run cost it. Results stored
-- with their explanations (before they were rebuilt on read) keep them seventh.
update unit_scores s
   set indicators = coalesce((
     select json_agg(json_build_array((e->>'indicatorId')::int, (e->>'points')::float8, (e->>'actual')::float8, (e->>'target')::float8,
                                      (e->>'lag')::float8, (e->>'lastYear')::float8, e->'explanation') order by n)
       from json_array_elements(s.indicators) with ordinality as x(e, n)), '[]')
 where json_array_length(s.indicators) > 0
