-- Failed sign-ins hold an (e-mail, client address) pair in the server's memory, never the account
-- (decision 0012): the per-account lock's columns are no longer read or written.
ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;

-- "This file was imported before" looks imported jobs up by the file's SHA-256 on every job read.
CREATE INDEX import_jobs_imported_sha256 ON import_jobs (file_sha256) WHERE status = 'imported';
