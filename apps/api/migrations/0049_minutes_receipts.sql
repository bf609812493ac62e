-- Meeting minutes (会议纪要) are issued and signed for like a bulletin: one receipt per presenting unit.
create table meeting_receipts (
  meeting_id integer not null references meetings (id),
  unit_id integer not null references units (id),
  delivered_at timestamptz not null,
  signed_at timestamptz,
  signed_by integer references users (id),
  reminded_at timestamptz,
  reminders integer not null default 0,
  primary key (meeting_id, unit_id)
)
--;
create index meeting_receipts_unit_idx on meeting_receipts (unit_id) where signed_at is null
