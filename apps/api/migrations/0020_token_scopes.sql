-- API tokens: a scope (read or write). Tokens issued before keep the rights they were issued with;
-- new ones are read-only unless the issuer asks for write.
alter table api_tokens add column scope text not null default 'write' check (scope in ('read', 'write'))
--;
alter table api_tokens alter column scope set default 'read'
--;
-- Deactivating an account now revokes its tokens for good; do so for accounts already deactivated,
-- so that reactivating one does not bring its old tokens back.
update api_tokens t set revoked_at = now() from users u where u.id = t.created_by and not u.active and t.revoked_at is null
--;
-- A write made with a token names the token in the audit trail (null for sessions and the system).
alter table audit_log add column token_id integer
