import { parse, UsageError } from '../../cli/args.js';
import { cliContext, openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';

const HELP = `payung sponsors list [--all] [--json] [--as EMAIL]`;

/** `payung sponsors list`: the sponsors (Pemberi Bantuan Iuran) the caller may see. */
export async function sponsorsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'list') throw new UsageError(HELP);
  const { values } = parse(rest, {
    all: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    as: { type: 'string' },
  });
  await using app = await openApp(io);
  const ctx = await cliContext(app, values.as);
  const items = await app.sponsors.list(ctx, { includeInactive: values.all ? 'true' : 'false' });
  const say = lineWriter(io.stdout);
  if (values.json) {
    say(
      JSON.stringify({
        items: items.map((s) => ({
          id: s.id,
          kind: s.kind,
          name: s.name,
          regionCode: s.regionCode,
          regionName: s.regionName,
          isActive: s.isActive,
        })),
      }),
    );
    return 0;
  }
  if (items.length === 0) say('Belum ada Pemberi Bantuan Iuran.');
  for (const s of items) {
    say(`${s.id}  ${s.name}${s.isActive ? '' : '  (nonaktif)'}`);
    say(`  ${s.kindLabel} · ${s.regionName} (${s.regionCode})`);
  }
  return 0;
}
