-- A response's answers are kept in its own row as three parallel arrays (unit, answer, reason)
-- instead of a row per answer: a citizen's submission writes one row instead of 15–20, each with
-- its index entries and two foreign-key checks. Units are checked against the campaign's units
-- when the response is taken. The view response_answers unnests them for reading.
alter table responses add column answer_units integer[] not null default '{}',
                      add column answer_values text[] not null default '{}',
                      add column answer_reasons text[] not null default '{}'
--;
-- Responses are immutable; the move of the answers into them is the one update ever made.
alter table responses disable trigger responses_no_update
--;
update responses r
   set answer_units = a.units, answer_values = a.answers, answer_reasons = a.reasons
  from (select response_id, array_agg(unit_id order by unit_id) as units, array_agg(answer order by unit_id) as answers,
               array_agg(reason order by unit_id) as reasons
          from response_answers group by response_id) a
 where a.response_id = r.id
--;
alter table responses enable trigger responses_no_update
--;
drop table response_answers
--;
alter table responses alter column answer_units drop default, alter column answer_values drop default, alter column answer_reasons drop default
--;
alter table responses add constraint responses_answers_shape check (
  cardinality(answer_units) = cardinality(answer_values)
  and cardinality(answer_units) = cardinality(answer_reasons)
  and answer_values <@ array['satisfied', 'basicallySatisfied', 'dissatisfied', 'unaware']::text[]
)
--;
create view response_answers as
  select r.id as response_id, a.unit_id, a.answer, a.reason
    from responses r cross join lateral unnest(r.answer_units, r.answer_values, r.answer_reasons) as a (unit_id, answer, reason)
