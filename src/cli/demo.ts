import { createApp } from '../app.js';
import { seedDemoWorkers } from '../modules/demo/index.js';
import { loadConfig } from '../platform/config.js';
import { parse, positiveInt } from './args.js';

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { workers: { type: 'string', default: '1000' } });
  const count = positiveInt(values.workers, 'workers');
  const app = await createApp(loadConfig());
  try {
    const tty = process.stderr.isTTY;
    const result = await seedDemoWorkers(app.db, app.catalog, {
      count,
      provinceCode: app.config.provinceCode,
      now: new Date(),
      onProgress: (done) => {
        if (tty)
          process.stderr.write(
            `\r  ${done.toLocaleString('id-ID')} / ${count.toLocaleString('id-ID')} pekerja`,
          );
      },
    });
    if (tty) process.stderr.write('\n');
    console.log(
      `Ditambahkan ${result.workers.toLocaleString('id-ID')} pekerja contoh ke ${app.db.description}.`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
