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
  const tokens = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // Any punctuation (. , ' ` - and the rest) separates tokens: "Moh.Rizki", "Abdul-Rahman".
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((t) => t !== '')
    .map(canonicalToken);
  if (tokens.length > 1 && tokens[0] === 'm') tokens[0] = 'muhammad';
  return tokens.join(' ');
}

export function nameTokens(key: string): string[] {
  return key.split(' ').filter((t) => t !== '');
}

// Keys are the token after steps 1–4; values are what the search key shows.
const VARIANTS: Readonly<Record<string, string>> = {
  muhamad: 'muhammad',
  mohamad: 'muhammad',
  muhamat: 'muhammad',
  mohamat: 'muhammad',
  muhamed: 'muhammad',
  mohamed: 'muhammad',
  moh: 'muhammad',
  muh: 'muhammad',
  mohd: 'muhammad',
  muhd: 'muhammad',
  mhd: 'muhammad',
  siti: 'siti',
  // Noor (and Nor, common in Kalimantan) is Nur; Nurul is a different name and stays apart.
  nor: 'nur',
  ahmad: 'ahmad',
  ahmat: 'ahmad',
};

function canonicalToken(token: string): string {
  let t = oldSpellingToNew(token);
  t = t.replace(/[ck]h/g, 'h');
  t = t.replace(/(\p{L})\1+/gu, '$1');
  t = t.replace(/([^aeiouy])y$/, '$1i');
  return VARIANTS[t] ?? t;
}

function oldSpellingToNew(token: string): string {
  const isOldSpelling = /oe|dj|tj/.test(token) || /^[sn]j/.test(token);
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
