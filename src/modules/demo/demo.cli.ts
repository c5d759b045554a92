import { parse, positiveInt } from '../../cli/args.js';
import { openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import { seedDemoEnrolments } from './demo.enrolments.js';
import { seedDemoWorkers } from './demo.service.js';
import { seedDemoProgrammes } from './demo.sponsors.js';

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { workers: { type: 'string', default: '1000' } });
  const count = positiveInt(values.workers, 'workers');
  await using app = await openApp(io);
  const tty = io.stderr.isTTY;
  const result = await seedDemoWorkers(app.db, app.catalog, {
    count,
    provinceCode: app.config.provinceCode,
    now: new Date(),
    onProgress: (done) => {
      if (tty)
        io.stderr.write(`\r  ${done.toLocaleString('id-ID')} / ${count.toLocaleString('id-ID')} pekerja`);
    },
  });
  if (tty) io.stderr.write('\n');
  const say = lineWriter(io.stdout);
  say(`Ditambahkan ${result.workers.toLocaleString('id-ID')} pekerja contoh ke ${app.db.description}.`);
  // Programmes once, for a database that has none yet.
  const programmes = await seedDemoProgrammes(app);
  if (programmes > 0) say(`Ditambahkan ${programmes} Program Perlindungan contoh yang sudah dibuka.`);
  // A roster approved, sent to BPJS and answered, on the demo programmes: the whole flow to look at.
  const active = await seedDemoEnrolments(app);
  if (active > 0) say(`Ditambahkan ${active} Kepesertaan aktif contoh dengan nomor KPJ.`);
  return 0;
}
