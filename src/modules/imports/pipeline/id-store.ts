/**
 * The worker id of each accepted row, by row number, as 16 bytes in one growing buffer (16 MB for a
 * million rows, where a million id strings would take several times that). A row that will give no
 * worker of its own (registered outside the actor's region) holds no id.
 */
export class IdsByRow {
  #bytes = new Uint8Array(16 * 4096);
  #has = new Uint8Array(4096);

  /** `text` starts with the id as a UUID string (a staged row's COPY text does). */
  set(row: number, text: string | null) {
    if (row >= this.#has.length) this.#grow(row);
    if (text === null) {
      this.#has[row] = 0;
      return;
    }
    const at = row * 16;
    for (let i = 0, c = 0; i < 16; c++) {
      if (text.charCodeAt(c) === DASH) continue;
      this.#bytes[at + i++] = (HEX_VALUE[text.charCodeAt(c)]! << 4) | HEX_VALUE[text.charCodeAt(++c)]!;
    }
    this.#has[row] = 1;
  }

  get(row: number): string | null {
    if (row >= this.#has.length || this.#has[row] === 0) return null;
    let out = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
      out += HEX_PAIR[this.#bytes[row * 16 + i]!];
    }
    return out;
  }

  #grow(row: number) {
    let n = this.#has.length;
    while (n <= row) n *= 2;
    const bytes = new Uint8Array(16 * n);
    bytes.set(this.#bytes);
    const has = new Uint8Array(n);
    has.set(this.#has);
    this.#bytes = bytes;
    this.#has = has;
  }
}
const DASH = 45;
const HEX_PAIR = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_VALUE = (() => {
  const v = new Uint8Array(128);
  for (let i = 0; i < 16; i++) {
    v['0123456789abcdef'.charCodeAt(i)] = i;
    v['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return v;
})();
