import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { readableLogLine, readableLogStream, terminalLogStream } from './log-format.js';

const at = new Date(2026, 11, 4, 14, 3, 7).getTime();

test('a request is one short readable line', () => {
  const json = JSON.stringify({
    level: 30,
    time: at,
    pid: 1,
    hostname: 'h',
    reqId: 'req-1',
    method: 'GET',
    route: '/api/v1/workers',
    status: 200,
    ms: 12,
    msg: 'request',
  });
  assert.equal(readableLogLine(json), '14:03:07  GET /api/v1/workers  200  12 ms\n');
  const failed = JSON.stringify({
    level: 30,
    time: at,
    method: 'POST',
    route: '/x',
    status: 500,
    ms: 3,
    msg: 'request',
  });
  assert.equal(readableLogLine(failed), '14:03:07  POST /x  500  3 ms  ✗\n');
});

test('other entries show level and message; errors their cause and stack', () => {
  assert.equal(
    readableLogLine(JSON.stringify({ level: 40, time: at, msg: 'pelan' })),
    '14:03:07  WARN  pelan\n',
  );
  const error = readableLogLine(
    JSON.stringify({
      level: 50,
      time: at,
      msg: 'gagal',
      err: { type: 'Error', message: 'koneksi putus', stack: 'Error: koneksi putus\n    at x' },
    }),
  );
  assert.match(error, /^14:03:07 {2}ERROR {2}gagal {2}\(Error: koneksi putus\)\n {4}Error: koneksi putus\n/);
  assert.equal(readableLogLine('bukan json'), 'bukan json\n');
});

test('the stream turns JSON lines, however split, into readable lines; only on a terminal', () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => {
    text += c;
  });
  const stream = readableLogStream(out);
  const line = JSON.stringify({
    level: 30,
    time: at,
    method: 'GET',
    route: '/a',
    status: 204,
    ms: 1,
    msg: 'request',
  });
  stream.write(line.slice(0, 20));
  stream.write(`${line.slice(20)}\n${line}`);
  stream.write('\n');
  assert.equal(text, '14:03:07  GET /a  204  1 ms\n'.repeat(2));
  assert.ok(!text.includes('{'));

  assert.equal(terminalLogStream(Object.assign(new PassThrough(), { isTTY: false })), undefined);
  assert.ok(terminalLogStream(Object.assign(new PassThrough(), { isTTY: true })));
});
