import assert from 'node:assert/strict';
import { test } from 'node:test';
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
