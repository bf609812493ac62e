-- One store for every uploaded file: the assessment's evidence joins the ledger's and the tasks'
-- files in stored_files (kept once by SHA-256); evidence_files keeps the name, the uploader and the link.
insert into stored_files (sha256, mime, size, content)
select distinct on (sha256) sha256, mime, size, content from evidence_files order by sha256, id
on conflict (sha256) do nothing;
--;
alter table evidence_files add constraint evidence_files_sha256_fkey foreign key (sha256) references stored_files (sha256);
--;
alter table evidence_files drop column content;
