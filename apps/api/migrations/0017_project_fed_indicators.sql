-- A leaf whose value comes from a major-project rate (dataSource project:<rate>) is not reported
-- by units: reporting grids, due lists and submissions leave it out.
alter table indicators add column fed_by_project boolean not null default false
--;
update indicators i set fed_by_project = true
  from schemes s
 where s.id = i.scheme_id
   and jsonb_path_exists(s.document, '$.** ? (@.code == $c && @.dataSource starts with "project:")', jsonb_build_object('c', i.code))
