import { createApp } from '../app.js';
import { seedDemoWorkers } from '../modules/demo/demo.service.js';
import { demoUsersText, seedDemoUsers } from '../modules/demo/demo.users.js';
import { loadConfig } from '../platform/config.js';
import { buildServer } from '../platform/http/server.js';
import { parse, positiveInt } from './args.js';

const FIRST_START_DEMO_WORKERS = 1_000;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
  });
  const config = loadConfig();
  if (values.port !== undefined) config.port = positiveInt(values.port, 'port');
  if (values.host !== undefined) config.host = values.host;
  const app = await createApp(config);
  const empty =
    (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM workers')).rows[0]?.n === 0;
  if (empty && !values['no-demo']) {
    console.log(
      `Basis data baru: menambahkan ${FIRST_START_DEMO_WORKERS} pekerja contoh (pakai --no-demo untuk tidak).`,
    );
    await seedDemoWorkers(app.db, app.catalog, {
      count: FIRST_START_DEMO_WORKERS,
      provinceCode: config.provinceCode,
      now: new Date(),
    });
  }
  let users = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]?.n ?? 0;
  if (users === 0 && !values['no-demo']) users += (await seedDemoUsers(app)).length;
  const interrupted = await app.imports.failInterrupted();
  if (interrupted > 0)
    console.log(
      `${interrupted} impor terhenti saat server mati sebelumnya; tidak ada yang tersimpan sebagian. Jalankan lagi.`,
    );
  const server = await buildServer(app);
  await server.listen({ port: config.port, host: config.host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\nPayung siap: http://${shownHost}:${port}  (API: /api/v1, dokumentasi API: /api/docs)`);
  console.log(`Basis data: ${app.db.description}\n`);
  const hasDemoUsers = (await app.users.findByEmail('admin@payung.local')) !== null;
  if (hasDemoUsers) console.log(`${demoUsersText(config.provinceCode)}\n`);
  else if (users === 0)
    console.log(
      'Belum ada pengguna. Tambahkan dengan: payung users add --email … --role province_admin --region 16\n',
    );

  await new Promise<void>((resolve) => {
    const stop = async () => {
      await server.close();
      await app.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
