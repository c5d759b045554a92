-- Each row needing attention names its person: the operator reads "Baris 12 — Siti Aminah, NIK
-- 1671****…", not just a row number. The NIK is stored as the file gave it (the uploaded file itself
-- is kept with the job) and masked whenever it is shown; rows without a readable name or NIK keep null.
ALTER TABLE import_row_results ADD COLUMN full_name text, ADD COLUMN nik text;
