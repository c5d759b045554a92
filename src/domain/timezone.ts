/**
 * Indonesia's three time zones and which province keeps which (Kemendagri province codes, all 38).
 * Times people read (the audit viewer, CSV exports) are in the deployment's own zone, named as people
 * name it: WIB, WITA or WIT.
 */
export interface LocalZone {
  /** IANA name, for Intl. */
  id: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  abbr: 'WIB' | 'WITA' | 'WIT';
  /** UTC offset (Indonesia keeps no daylight saving time), for a calendar day's bounds. */
  offset: '+07:00' | '+08:00' | '+09:00';
}

export const WIB: LocalZone = { id: 'Asia/Jakarta', abbr: 'WIB', offset: '+07:00' };
export const WITA: LocalZone = { id: 'Asia/Makassar', abbr: 'WITA', offset: '+08:00' };
export const WIT: LocalZone = { id: 'Asia/Jayapura', abbr: 'WIT', offset: '+09:00' };

export const PROVINCE_ZONES: Readonly<Record<string, LocalZone>> = {
  '11': WIB, // Aceh
  '12': WIB, // Sumatera Utara
  '13': WIB, // Sumatera Barat
  '14': WIB, // Riau
  '15': WIB, // Jambi
  '16': WIB, // Sumatera Selatan
  '17': WIB, // Bengkulu
  '18': WIB, // Lampung
  '19': WIB, // Kepulauan Bangka Belitung
  '21': WIB, // Kepulauan Riau
  '31': WIB, // DKI Jakarta
  '32': WIB, // Jawa Barat
  '33': WIB, // Jawa Tengah
  '34': WIB, // DI Yogyakarta
  '35': WIB, // Jawa Timur
  '36': WIB, // Banten
  '61': WIB, // Kalimantan Barat
  '62': WIB, // Kalimantan Tengah
  '51': WITA, // Bali
  '52': WITA, // Nusa Tenggara Barat
  '53': WITA, // Nusa Tenggara Timur
  '63': WITA, // Kalimantan Selatan
  '64': WITA, // Kalimantan Timur
  '65': WITA, // Kalimantan Utara
  '71': WITA, // Sulawesi Utara
  '72': WITA, // Sulawesi Tengah
  '73': WITA, // Sulawesi Selatan
  '74': WITA, // Sulawesi Tenggara
  '75': WITA, // Gorontalo
  '76': WITA, // Sulawesi Barat
  '81': WIT, // Maluku
  '82': WIT, // Maluku Utara
  '91': WIT, // Papua
  '92': WIT, // Papua Barat
  '93': WIT, // Papua Selatan
  '94': WIT, // Papua Tengah
  '95': WIT, // Papua Pegunungan
  '96': WIT, // Papua Barat Daya
};

/** The zone of a province (or of any region code inside it); WIB when the code is unknown. */
export function zoneOfProvince(code: string): LocalZone {
  return PROVINCE_ZONES[code.slice(0, 2)] ?? WIB;
}

/** An instant's calendar fields on the clock of `zoneId` ('Asia/Jakarta'), zero-padded, 24-hour. */
export function zonedFields(at: Date, zoneId: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zoneId,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** '2026-12-04T09:05:03Z' in WIB → '2026-12-04 16:05:03' (the zone is named by the caller, e.g. a header). */
export function localDateTime(at: Date, zone: LocalZone): string {
  const f = zonedFields(at, zone.id);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}
