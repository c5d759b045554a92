import {
  DEMO_PASSWORD,
  demoUsers,
  demoUsersText,
  demoUsersWithPublishedPassword,
  seedDemoEnrolments,
  seedDemoProgrammes,
  seedDemoUsers,
  seedDemoWorkers,
} from '../modules/demo/index.js';
import { buildServer } from '../platform/http/server.js';
import { parse, positiveInt, UsageError } from './args.js';
import { configOf, openApp } from './context.js';
import { type CliIo, lineWriter } from './io.js';

const FIRST_START_DEMO_WORKERS = 1_000;

/** Whether only this machine can reach `host` (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function refusal(host: string, emails: string[], wouldSeed: boolean): string {
  const head = `Server tidak dijalankan: HOST ${host} dapat dijangkau dari jaringan, sedangkan`;
  if (wouldSeed)
    return [
      `${head} basis data ini akan diisi pengguna contoh dengan kata sandi "${DEMO_PASSWORD}" yang tertulis di README.`,
      'Jalankan dengan --no-demo, lalu tambahkan pengguna sungguhan:',
      '  payung users add --email … --role province_admin --region …',
      'atau coba dulu hanya di komputer ini (HOST=127.0.0.1).',
    ].join('\n');
  return [
    `${head} pengguna contoh berikut masih memakai kata sandi "${DEMO_PASSWORD}" yang tertulis di README:`,
    ...emails.map((e) => `  ${e}`),
    'Ganti kata sandi mereka dulu, misalnya:',
    `  payung users reset-password --email ${emails[0]}`,
    'atau jalankan hanya untuk komputer ini (HOST=127.0.0.1).',
  ].join('\n');
}

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
  });
  const config = configOf(io);
  if (values.port !== undefined) config.port = positiveInt(values.port, 'port');
  if (values.host !== undefined) config.host = values.host;
  if (values.demo && values['no-demo']) throw new UsageError('Pilih salah satu: --demo atau --no-demo.');
  // Closed on every way out, the refusal, an error or the stop.
  await using app = await openApp(io, config);
  const say = lineWriter(io.stdout);
  // Demo data on a new database: by default only on the embedded one (a trial on this machine); on
  // PostgreSQL, a real deployment, only when asked for with --demo.
  const wantDemo = values.demo || (!config.databaseUrl && !values['no-demo']);
  const count = async (table: 'workers' | 'users') =>
    (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;
  let users = await count('users');
  const seedUsers = users === 0 && wantDemo;
  const networked = !isLoopbackHost(config.host);
  if (networked) {
    // A server others can reach never starts with a password anyone can read in the README.
    const published = seedUsers
      ? demoUsers(config.provinceCode).map((u) => u.email)
      : await demoUsersWithPublishedPassword(app);
    if (published.length > 0) {
      await app.close();
      lineWriter(io.stderr)(refusal(config.host, published, seedUsers));
      return 1;
    }
  }
  if (wantDemo && (await count('workers')) === 0) {
    say(
      `Basis data baru: menambahkan ${FIRST_START_DEMO_WORKERS} pekerja contoh (pakai --no-demo untuk tidak).`,
    );
    await seedDemoWorkers(app.db, app.catalog, {
      count: FIRST_START_DEMO_WORKERS,
      provinceCode: config.provinceCode,
      now: new Date(),
    });
  }
  if (seedUsers) {
    users += (await seedDemoUsers(app)).length;
    await seedDemoProgrammes(app);
    await seedDemoEnrolments(app);
  }
  // Background jobs; one left running by a server that died is taken up again (an import re-run).
  await app.jobs.start();
  const server = await buildServer(app);
  await server.listen({ port: config.port, host: config.host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const banner = [
    '',
    `Payung siap: http://${shownHost}:${port}  (API: /api/v1, dokumentasi API: /api/docs)`,
    `Basis data: ${app.db.description}`,
    '',
  ];
  // The demo sign-ins are shown only on this machine's own address (elsewhere their password is changed).
  if (!networked && (await app.users.findByEmail('admin@payung.local')) !== null)
    banner.push(demoUsersText(config.provinceCode), '');
  else if (users === 0)
    banner.push(
      `Belum ada pengguna. Tambahkan dengan: payung users add --email … --role province_admin --region ${config.provinceCode}`,
      '',
    );
  // One write, so the whole banner appears together (and stays above the request log).
  say(banner.join('\n'));

  await io.untilStopped();
  await server.close();
  await app.close();
  return 0;
}
