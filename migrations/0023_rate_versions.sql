-- Regulation rate tables as versioned data (DESIGN §4.1–§4.3, decision 0027). One row per version of a
-- table (kind): the date it takes effect from, the regulation it comes from, who entered it and when, and
-- its rules as JSON in the shape of src/contracts/rates.ts. A calculation for a date uses the version in
-- force on that date (the latest effective_from on or before it; of two with the same date, the later
-- entry). A version is never changed or removed: a correction is a new version (trigger below).
CREATE TABLE rate_versions (
  id uuid PRIMARY KEY DEFAULT payung_uuid7(),
  kind text NOT NULL CHECK (kind IN ('bpu', 'bpu_discount', 'jakon', 'benefit')),
  effective_from date NOT NULL,
  regulation text NOT NULL CHECK (length(btrim(regulation)) > 0),
  note text,
  rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
  entered_by text NOT NULL,
  entered_by_label text NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  -- Contributions are monthly: their tables change on a month's first day.
  CHECK (kind NOT IN ('bpu', 'bpu_discount') OR extract(day FROM effective_from) = 1)
);
CREATE INDEX rate_versions_in_force_idx ON rate_versions (kind, effective_from DESC, entered_at DESC, id DESC);

CREATE FUNCTION rate_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rate_versions is append-only: add a new version instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER rate_versions_no_update BEFORE UPDATE OR DELETE ON rate_versions
  FOR EACH ROW EXECUTE FUNCTION rate_versions_append_only();
CREATE TRIGGER rate_versions_no_truncate BEFORE TRUNCATE ON rate_versions
  FOR EACH STATEMENT EXECUTE FUNCTION rate_versions_append_only();

-- Today's rules, as DESIGN §4.1–§4.3 records them.
INSERT INTO rate_versions (kind, effective_from, regulation, note, rules, entered_by, entered_by_label) VALUES
(
  'bpu', '2015-07-01',
  'PP 44/2015 jo. PP 82/2019 (JKK 1% dan JKM Rp 6.800 bagi BPU; golongan penghasilan lampiran II PP 44/2015); PP 46/2015 (JHT 2%)',
  'Tarif: DESIGN §4.1, keyakinan tinggi. Tabel golongan: bentuknya menurut DESIGN §4.1 (sampai Rp 1.099.999 → Rp 1.000.000, lalu langkah Rp 200 ribu, Rp 500 ribu, Rp 1 juta sampai Rp 20 juta), keyakinan sedang: periksa terhadap lampiran II PP 44/2015 dan tambahkan versi koreksi bila berbeda.',
  '{
    "jkkBasisPoints": 100,
    "jkmMonthly": 6800,
    "jhtBasisPoints": 200,
    "brackets": [
      {"from": 0, "base": 1000000},
      {"from": 1100000, "base": 1200000},
      {"from": 1300000, "base": 1400000},
      {"from": 1500000, "base": 1600000},
      {"from": 1700000, "base": 1800000},
      {"from": 1900000, "base": 2000000},
      {"from": 2100000, "base": 2200000},
      {"from": 2300000, "base": 2400000},
      {"from": 2500000, "base": 2600000},
      {"from": 2700000, "base": 2800000},
      {"from": 2900000, "base": 3000000},
      {"from": 3100000, "base": 3200000},
      {"from": 3300000, "base": 3400000},
      {"from": 3500000, "base": 3600000},
      {"from": 3700000, "base": 3800000},
      {"from": 3900000, "base": 4000000},
      {"from": 4100000, "base": 4200000},
      {"from": 4300000, "base": 4400000},
      {"from": 4500000, "base": 4600000},
      {"from": 4700000, "base": 4800000},
      {"from": 4900000, "base": 5000000},
      {"from": 5250000, "base": 5500000},
      {"from": 5750000, "base": 6000000},
      {"from": 6250000, "base": 6500000},
      {"from": 6750000, "base": 7000000},
      {"from": 7250000, "base": 7500000},
      {"from": 7750000, "base": 8000000},
      {"from": 8250000, "base": 8500000},
      {"from": 8750000, "base": 9000000},
      {"from": 9250000, "base": 9500000},
      {"from": 9750000, "base": 10000000},
      {"from": 10500000, "base": 11000000},
      {"from": 11500000, "base": 12000000},
      {"from": 12500000, "base": 13000000},
      {"from": 13500000, "base": 14000000},
      {"from": 14500000, "base": 15000000},
      {"from": 15500000, "base": 16000000},
      {"from": 16500000, "base": 17000000},
      {"from": 17500000, "base": 18000000},
      {"from": 18500000, "base": 19000000},
      {"from": 19500000, "base": 20000000}
    ]
  }',
  'system:migration', 'migrasi 0023'
),
(
  'bpu_discount', '2026-01-01',
  'PP 50/2025: potongan 50% iuran JKK dan JKM bagi BPU sektor transportasi, Januari 2026–Maret 2027, tidak untuk iuran dari APBN/APBD',
  'DESIGN §4.1, keyakinan tinggi. Pekerjaan sektor transportasi di Payung: ojek dan ojek online.',
  '{"discounts": [{
    "label": "PP 50/2025",
    "firstMonth": "2026-01",
    "lastMonth": "2027-03",
    "percentOff": 50,
    "appliesTo": ["jkk", "jkm"],
    "occupations": ["ojek", "ojek_online"],
    "excludedFunding": ["apbn", "apbd"]
  }]}',
  'system:migration', 'migrasi 0023'
),
(
  'jakon', '2015-07-01',
  'PP 44/2015 jo. Permenaker 44/2015: iuran JKK dan JKM proyek jasa konstruksi dari nilai kontrak, per tahap (marginal)',
  'DESIGN §4.2, keyakinan tinggi. Contoh: kontrak Rp 1 miliar → 240.000 + 760.000 + 750.000 = Rp 1.750.000.',
  '{"tiers": [
    {"upTo": 100000000, "jkkBasisPoints": 21, "jkmBasisPoints": 3},
    {"upTo": 500000000, "jkkBasisPoints": 17, "jkmBasisPoints": 2},
    {"upTo": 1000000000, "jkkBasisPoints": 13, "jkmBasisPoints": 2},
    {"upTo": 5000000000, "jkkBasisPoints": 11, "jkmBasisPoints": 1},
    {"upTo": null, "jkkBasisPoints": 9, "jkmBasisPoints": 1}
  ]}',
  'system:migration', 'migrasi 0023'
),
(
  'benefit', '2019-12-02',
  'PP 82/2019 (perubahan PP 44/2015): manfaat JKK dan JKM',
  'DESIGN §4.3, keyakinan tinggi (meninggal dalam 3 bulan pertama bagi BPU: keyakinan sedang).',
  '{
    "jkmDeath": {"lumpSum": 20000000, "funeral": 10000000, "periodic": 12000000},
    "jkmEarlyDeath": {"withinMonths": 3, "funeral": 10000000},
    "jkkDeath": {"percent": 60, "months": 80, "funeral": 10000000, "periodic": 12000000},
    "jkkTotalDisability": {"percent": 70, "months": 80},
    "stmb": {"firstMonths": 12, "firstPercent": 100, "laterPercent": 50},
    "scholarship": {"maxChildren": 2, "max": 174000000, "minMonthsOtherDeath": 36}
  }',
  'system:migration', 'migrasi 0023'
);
