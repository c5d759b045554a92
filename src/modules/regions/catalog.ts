import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Region, RegionCatalog, RegionLevel } from '../../contracts/regions.js';
import { parentOf } from '../../domain/regions.js';
import { PROJECT_ROOT } from '../../platform/paths.js';

export type { RegionCatalog } from '../../contracts/regions.js';
export { isWithin, levelOf, parentOf } from '../../domain/regions.js';

/** Minimal RFC 4180 parsing of one line: the files quote names that contain commas or quotes. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`Unterminated quote in CSV line: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

function readCsv(dir: string, file: string): string[][] {
  const text = readFileSync(join(dir, file), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.length > 0)
    .map(parseCsvLine);
}

/** The vendored copy of the package's data (vendor/idn-area-data/README.md says why and how to update). */
function packageDir(): { dir: string; version: string } {
  const dir = join(PROJECT_ROOT, 'vendor', 'idn-area-data');
  return { dir, version: readFileSync(join(dir, 'VERSION'), 'utf8').trim() };
}

export function loadCatalogFromPackage(): RegionCatalog {
  const { dir, version } = packageDir();
  const regions: Region[] = [];
  for (const [code, name] of readCsv(dir, 'provinces.csv'))
    regions.push({ code: code!, name: name!, level: 'province', parentCode: null });
  for (const [code, parent, name] of readCsv(dir, 'regencies.csv'))
    regions.push({ code: code!, name: name!, level: 'regency', parentCode: parent! });
  for (const [code, parent, name] of readCsv(dir, 'districts.csv'))
    regions.push({ code: code!, name: name!, level: 'district', parentCode: parent! });
  for (const [code, parent, name] of readCsv(dir, 'villages.csv'))
    regions.push({ code: code!, name: name!, level: 'village', parentCode: parent! });
  return buildCatalog(regions, 'idn-area-data', version);
}

export function buildCatalog(regions: Region[], source: string, version: string): RegionCatalog {
  const byCode = new Map<string, Region>();
  const byParent = new Map<string | null, Region[]>();
  for (const r of regions) {
    byCode.set(r.code, r);
    const siblings = byParent.get(r.parentCode);
    if (siblings) siblings.push(r);
    else byParent.set(r.parentCode, [r]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const has = (level: RegionLevel) => (code: string) => byCode.get(code)?.level === level;
  return {
    source,
    version,
    get: (code) => byCode.get(code),
    children: (code) => byParent.get(code) ?? [],
    path(code) {
      const out: Region[] = [];
      for (let c: string | null = code; c; c = parentOf(c)) {
        const r = byCode.get(c);
        if (!r) return [];
        out.unshift(r);
      }
      return out;
    },
    all: () => byCode.values(),
    hasProvince: has('province'),
    hasRegency: has('regency'),
    hasDistrict: has('district'),
  };
}

let shared: RegionCatalog | undefined;
/** The process-wide catalog, loaded on first use. */
export function regionCatalog(): RegionCatalog {
  shared ??= loadCatalogFromPackage();
  return shared;
}
