import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FILE_LIMITS, FileRejected } from './types.js';
import { attribute, decodeEntities, XmlScanner } from './xml-scan.js';

function events(chunks: string[]): string[] {
  const out: string[] = [];
  const scanner = new XmlScanner({
    open: (name, attrs) => out.push(`<${name}${attrs.trimEnd()}>`),
    text: (x) => {
      // Text may arrive in pieces; joined here so chunking does not change the events.
      if (out.at(-1)?.startsWith('"')) out[out.length - 1] = `${out.at(-1)!.slice(0, -1)}${x}"`;
      else out.push(`"${x}"`);
    },
    close: (name) => out.push(`</${name}>`),
  });
  for (const c of chunks) scanner.write(c);
  scanner.close();
  return out;
}

const DOC = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE x [<!ENTITY bomb "boom">]><x:worksheet xmlns:x="urn:x"><!-- a comment with <c> inside -->
<x:sheetData><x:row r="3" spans="1:3"><x:c r="A3" t="inlineStr"><x:is><x:t>Siti &amp; Aminah &lt;&#65;&#x42;&gt; &bomb;</x:t></x:is></x:c><x:c r="B3" s="2"/><x:c r='C3' t="str"><x:f a=">">1</x:f><x:v><![CDATA[a<b]]></x:v></x:c></x:row></x:sheetData></x:worksheet>`;

test('XML scan: tags, attributes, entities, CDATA, comments, prefixes; DTD entities are not expanded', () => {
  const e = events([DOC]).filter((x) => x.trim() !== '"\n"');
  assert.deepEqual(e, [
    '<worksheet xmlns:x="urn:x">',
    '<sheetData>',
    '<row r="3" spans="1:3">',
    '<c r="A3" t="inlineStr">',
    '<is>',
    '<t>',
    '"Siti & Aminah <AB> &bomb;"',
    '</t>',
    '</is>',
    '</c>',
    '<c r="B3" s="2">',
    '</c>',
    `<c r='C3' t="str">`,
    '<f a=">">',
    '"1"',
    '</f>',
    '<v>',
    '"a<b"',
    '</v>',
    '</c>',
    '</row>',
    '</sheetData>',
    '</worksheet>',
  ]);
});

test('XML scan: the same events whatever the chunks, split at every position', () => {
  const whole = events([DOC]);
  for (let i = 1; i < DOC.length; i++) {
    assert.deepEqual(events([DOC.slice(0, i), DOC.slice(i)]), whole, `split at ${i}`);
  }
  assert.deepEqual(events([...DOC]), whole, 'one character at a time');
});

test('XML scan: attribute lookup matches whole names only', () => {
  const raw = ' t="s" s="12" xml:space="preserve" r = "B7"';
  assert.equal(attribute(raw, 's'), '12');
  assert.equal(attribute(raw, 't'), 's');
  assert.equal(attribute(raw, 'r'), 'B7');
  assert.equal(attribute(raw, 'space'), 'preserve');
  assert.equal(attribute(raw, 'x'), undefined);
  assert.equal(attribute(' a="&quot;x&quot;"', 'a'), '"x"');
  assert.equal(decodeEntities('&#0; &#x110000; &unknown; &amp;amp;'), '&#0; &#x110000; &unknown; &amp;');
});

test('XML scan: a tag never closed (an 11 MB attribute) is refused once it passes the markup limit, not rescanned to the end', () => {
  const scanner = new XmlScanner({ open() {}, text() {}, close() {} }, { part: 'xl/worksheets/sheet1.xml' });
  const piece = 'x'.repeat(16 * 1024);
  scanner.write('<worksheet><sheetData><row r="1"><c r="A1" t="');
  let pieces = 0;
  assert.throws(
    () => {
      for (; pieces < (11 << 20) / piece.length; pieces++) scanner.write(piece);
    },
    (e: FileRejected) =>
      e.code === 'FILE_UNREADABLE' &&
      e.message.startsWith(
        'Berkas .xlsx rusak: bagian xl/worksheets/sheet1.xml memuat tag yang tidak ditutup dalam 65.536 karakter.',
      ),
  );
  // Each piece rescans what is pending, so the limit bounds the work: a handful of pieces, not 700.
  assert.ok(pieces <= FILE_LIMITS.markupChars / piece.length + 1, `refused after ${pieces} pieces`);
  // The same for a comment, a CDATA section, a declaration or a processing instruction.
  for (const start of ['<!-- ', '<![CDATA[', '<!DOCTYPE x [', '<?xml ']) {
    const s = new XmlScanner({ open() {}, text() {}, close() {} });
    s.write(start);
    assert.throws(() => {
      for (let i = 0; i < 10; i++) s.write(piece);
    }, FileRejected);
  }
});

test('XML scan: long text is handed on as it comes, only a possibly cut entity waits', () => {
  let got = 0;
  const scanner = new XmlScanner({
    open() {},
    text(x) {
      got += x.length;
    },
    close() {},
  });
  scanner.write('<t>');
  const piece = 'a'.repeat(16 * 1024);
  for (let i = 1; i <= 200; i++) {
    scanner.write(piece);
    // The old scanner kept all text until the next `<`, scanning it again with every piece.
    assert.equal(got, i * piece.length);
  }
  scanner.write('x &am');
  assert.equal(got, 200 * piece.length + 2);
  scanner.write('p;</t>');
  assert.equal(got, 200 * piece.length + 3);
});

// A generous bound on the work: this takes about a second; the old scanner searched the rest of the
// chunk for a `[` after every declaration (per 1 MB chunk, 262,144 × 1,048,576 characters: seconds).
test('XML scan: many declarations in a chunk are each found once (no search past their end)', {
  timeout: 60_000,
}, async () => {
  let text = '';
  const scanner = new XmlScanner({
    open() {},
    text(x) {
      text += x;
    },
    close() {},
  });
  const chunk = '<!x>'.repeat(262_144);
  for (let i = 0; i < 20; i++) {
    scanner.write(chunk);
    // Lets the test's time limit be noticed between chunks.
    await new Promise((r) => setImmediate(r));
  }
  scanner.write('<t>ok</t>').close();
  assert.equal(text, 'ok');
  assert.deepEqual(events(['<!DOCTYPE x [<!ENTITY a "b">] ><a/>']), ['<a>', '</a>']);
});
