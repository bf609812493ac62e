-- When the questionnaire was served to the page that sent a response, as the server measured it (the
-- served token the page sends back). The "too fast" fraud rule uses it; started_at held the time the
-- page claimed to have started, which the page chose itself, and is no longer written.
alter table responses add column served_at timestamptz
