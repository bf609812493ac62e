-- Evidence of a task's progress reports and completion feedback (photos, PDFs, Word and Excel
-- files), stored once by their SHA-256 in stored_files. A file is uploaded first and belongs to
-- the report or feedback that cites it (event_id) from then on; until then it is only the
-- uploader's.
create table task_evidence (
  id serial primary key,
  task_id integer not null references tasks (id),
  event_id integer references task_events (id),
  filename text not null,
  mime text not null,
  size integer not null check (size > 0),
  sha256 text not null references stored_files (sha256),
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
)
--;
create index task_evidence_task_idx on task_evidence (task_id, id)
--;
create index task_evidence_event_idx on task_evidence (event_id)
