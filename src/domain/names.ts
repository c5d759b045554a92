// Names as people typed them (for display) and as a search key that forgives the spelling
// variants Indonesian registries are full of: Muhammad/Moh./M., Siti/Sitti, Soekarno/Sukarno,
// Djoko/Joko, Achmad/Ahmad. The key is for finding and suggesting possible duplicates
// (Kemungkinan Data Ganda), never for deciding that two people are the same.

/** Trims and collapses whitespace; keeps the capitalisation and spelling exactly as typed. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/**
 * Canonical, lower-case, space-separated key. Each token goes through, in order:
 * 1. old (pre-1972) spelling: oe→u, dj→j, tj→c anywhere; sj→sy, nj→ny at the start (mid-word
 *    'nj' is modern: Panji, Sanjaya). A token with any of these marks is old spelling as a
 *    whole, so its remaining lone j is the old y: Tjahjo→cahyo, Soerjo→suryo.
 * 2. ch and kh → h, so Achmad/Akhmad/Ahmad, Chairul/Khairul/Hairul meet.
 * 3. runs of one letter collapse to one (Muhammmad, Sitti, Anna→ana). This is lossy by design:
 *    every variant only has to land on the same key, not on a correct spelling.
 * 4. a final consonant+y → i (Sity/Siti, Rizky/Rizki, Dedy/Dedi).
 * 5. a small dictionary of whole-token variants, which writes the canonical spelling back
 *    ('muhammad', 'siti', 'nur', 'ahmad'). A lone 'm' as the first of several tokens is
 *    Muhammad abbreviated (M. Rizki).
 * Applying the function to its own output changes nothing, so stored keys and query keys agree.
 */
export function nameSearchKey(name: string): string {
  const lower = name.toLowerCase();
  // Plain ASCII (nearly every name) has no marks to strip and only a–z and 0–9 as letters and
  // digits: the same result as the Unicode path below, without its costlier steps.
  const tokens = (
    isAscii(lower)
      ? lower.replace(/[^a-z0-9]+/g, ' ')
      : lower
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          // Any punctuation (. , ' ` - and the rest) separates tokens: "Moh.Rizki", "Abdul-Rahman".
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
  )
    .split(' ')
    .filter((t) => t !== '')
    .map(canonicalToken);
  if (tokens.length > 1 && tokens[0] === 'm') tokens[0] = 'muhammad';
  return tokens.join(' ');
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

export function nameTokens(key: string): string[] {
  return key.split(' ').filter((t) => t !== '');
}

// Keys are the token after steps 1–4; values are what the search key shows.
const VARIANTS: ReadonlyMap<string, string> = new Map([
  ['muhamad', 'muhammad'],
  ['mohamad', 'muhammad'],
  ['muhamat', 'muhammad'],
  ['mohamat', 'muhammad'],
  ['muhamed', 'muhammad'],
  ['mohamed', 'muhammad'],
  ['moh', 'muhammad'],
  ['muh', 'muhammad'],
  ['mohd', 'muhammad'],
  ['muhd', 'muhammad'],
  ['mhd', 'muhammad'],
  ['siti', 'siti'],
  // Noor (and Nor, common in Kalimantan) is Nur; Nurul is a different name and stays apart.
  ['nor', 'nur'],
  ['ahmad', 'ahmad'],
  ['ahmat', 'ahmad'],
]);

function canonicalToken(token: string): string {
  let t = oldSpellingToNew(token);
  if (t.includes('h')) t = t.replace(/[ck]h/g, 'h');
  t = ASCII_LETTERS.test(t) ? collapseRuns(t) : t.replace(/(\p{L})\1+/gu, '$1');
  if (t.endsWith('y')) t = t.replace(/([^aeiouy])y$/, '$1i');
  return VARIANTS.get(t) ?? t;
}

const ASCII_LETTERS = /^[a-z0-9]*$/;

/** Runs of one letter as one (digits stay): what /(\p{L})\1+/ does, for a–z and 0–9 only. */
function collapseRuns(t: string): string {
  let out = '';
  let from = 0;
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === t.charCodeAt(i - 1) && c >= 97 && c <= 122) {
      out += t.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? t : out + t.slice(from);
}

function oldSpellingToNew(token: string): string {
  const isOldSpelling = (token.includes('j') && /dj|tj|^[sn]j/.test(token)) || token.includes('oe');
  if (!isOldSpelling) return token;
  // 'dj' becomes a placeholder first so its j survives the lone-j→y step below; upper case is
  // free to use because the token was lower-cased.
  return token
    .replace(/^([sn])j/, '$1y')
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'J')
    .replace(/tj/g, 'c')
    .replace(/j/g, 'y')
    .replace(/J/g, 'j');
}
