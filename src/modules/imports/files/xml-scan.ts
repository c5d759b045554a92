/**
 * A streaming scanner for the XML parts of an .xlsx file (the worksheet, the shared strings): tags
 * with their raw attribute text, and text with entities decoded. Made for those parts and nothing
 * else: it checks no well-formedness, never reads a DTD, never expands an entity other than the
 * five predefined ones and character references (so an entity bomb or an external entity stays
 * inert text), and drops namespace prefixes (`x:row` is `row`), as some generators write them.
 *
 * Why not a general SAX parser: the worksheet of a 100,000-row file is ~1.5 million elements, and a
 * conformant parser spent about 2.3 s on them (23 µs a row) where this spends a fraction
 * (docs/BENCHMARKS.md); an import's own budget is 20 s for such a file.
 *
 * Linear in its input: text is handed on as it comes (only a possibly cut entity waits for the next
 * chunk), and a piece of markup cut by a chunk's end waits for the next chunk only up to
 * FILE_LIMITS.markupChars, beyond which the part is refused, so that no chunk rescans more than that.
 */
import { count, FILE_LIMITS, FileRejected } from './types.js';

export interface XmlHandlers {
  open(name: string, attributes: string): void;
  text(text: string): void;
  close(name: string): void;
}

export class XmlScanner {
  private rest = '';

  constructor(
    private readonly h: XmlHandlers,
    private readonly opts: { part?: string; markupChars?: number } = {},
  ) {}

  /** Scans a chunk; markup or an entity cut at its end is kept for the next chunk. */
  write(chunk: string): this {
    const s = this.rest ? this.rest + chunk : chunk;
    this.rest = s.slice(this.scan(s, false));
    const limit = this.opts.markupChars ?? FILE_LIMITS.markupChars;
    if (this.rest.length > limit) {
      this.rest = '';
      throw new FileRejected(
        'FILE_UNREADABLE',
        `Berkas .xlsx rusak: bagian ${this.opts.part ?? 'XML'} memuat tag yang tidak ditutup dalam ` +
          `${count(limit)} karakter. Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.`,
      );
    }
    return this;
  }

  /** The end of the input: what is left is text. */
  close(): void {
    if (this.rest) this.scan(this.rest, true);
    this.rest = '';
  }

  /** Returns where scanning stopped (the start of an incomplete part). */
  private scan(s: string, atEnd: boolean): number {
    const h = this.h;
    let i = 0;
    const n = s.length;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt === -1) {
        // Text up to the end goes on now, but for an entity that may be cut.
        const cut = atEnd ? n : textCut(s, i);
        if (cut > i) h.text(decodeEntities(s.slice(i, cut)));
        return cut;
      }
      if (lt > i) h.text(decodeEntities(s.slice(i, lt)));
      const next = s.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end === -1) return lt;
          h.text(s.slice(lt + 9, end));
          i = end + 3;
        } else if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end === -1) return lt;
          i = end + 3;
        } else {
          // A declaration (DOCTYPE), with its internal subset if any: skipped, never read.
          const end = declarationEnd(s, lt + 2);
          if (end === -1) return lt;
          i = end + 1;
        }
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end === -1) return lt;
        i = end + 2;
        continue;
      }
      const gt = tagEnd(s, lt + 1);
      if (gt === -1) return lt;
      if (next === 47 /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const end = selfClosing ? gt - 1 : gt;
        let k = lt + 1;
        while (k < end) {
          const c = s.charCodeAt(k);
          if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) break;
          k++;
        }
        const name = localName(s.slice(lt + 1, k));
        h.open(name, k < end ? s.slice(k, end) : '');
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
    return n;
  }
}

/** Where text at the end of a chunk can be cut: before a last `&` that a `;` may still end. */
function textCut(s: string, from: number): number {
  const amp = s.lastIndexOf('&');
  // The longest entity the scanner decodes is short; a longer tail is text whatever comes next.
  return amp >= from && s.length - amp <= 32 && s.indexOf(';', amp) === -1 ? amp : s.length;
}

/** The `>` closing `<!DOCTYPE …>`, after its `[…]` internal subset when it has one. */
function declarationEnd(s: string, from: number): number {
  const gt = s.indexOf('>', from);
  if (gt === -1) return -1;
  // The subset's `[` comes before that `>` (searched no further, so many declarations stay linear).
  let bracket = from;
  while (bracket < gt && s.charCodeAt(bracket) !== 91 /* [ */) bracket++;
  if (bracket === gt) return gt;
  const subset = /\]\s*>/g;
  subset.lastIndex = bracket;
  const m = subset.exec(s);
  return m ? m.index + m[0].length - 1 : -1;
}

/** The `>` closing a tag that starts at `from`, skipping any inside quoted attribute values. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 62 /* > */) return k;
    else if (c === 34 || c === 39) quote = c;
  }
  return -1;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** The value of attribute `name` in a tag's raw attribute text, entities decoded; undefined if absent. */
export function attribute(raw: string, name: string): string | undefined {
  let at = raw.indexOf(name);
  while (at !== -1) {
    const before = raw.charCodeAt(at - 1);
    const after = at + name.length;
    // Preceded by white space or a namespace prefix's colon, followed by `=` (spaces allowed).
    if (before === 32 || before === 9 || before === 10 || before === 13 || before === 58) {
      let k = after;
      while (raw.charCodeAt(k) === 32) k++;
      if (raw.charCodeAt(k) === 61 /* = */) {
        k++;
        while (raw.charCodeAt(k) === 32) k++;
        const quote = raw[k];
        if (quote === '"' || quote === "'") {
          const end = raw.indexOf(quote, k + 1);
          if (end !== -1) return decodeEntities(raw.slice(k + 1, end));
        }
      }
    }
    at = raw.indexOf(name, after);
  }
  return undefined;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, named) => {
    if (named) return NAMED[named as string]!;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
