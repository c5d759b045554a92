import { parse, UsageError } from '../../cli/args.js';
import { cliContext, openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import { RoleSchema } from '../../contracts/access.js';
import type { Role } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

const HELP = `payung users add --email E --role ROLE --region CODE [--region CODE...] [--name "Nama"] [--password P] [--sponsor ID] [--as EMAIL]
payung users list [--as EMAIL]
payung users reset-password --email E [--as EMAIL]
Roles: ${RoleSchema.options.join(', ')} (sponsor_officer needs --sponsor: see payung sponsors list)`;

export async function usersCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, {
    email: { type: 'string' },
    role: { type: 'string' },
    region: { type: 'string', multiple: true },
    name: { type: 'string' },
    password: { type: 'string' },
    sponsor: { type: 'string' },
    as: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (!sub || !['add', 'list', 'reset-password'].includes(sub)) throw new UsageError(HELP);
  await using app = await openApp(io);
  const say = lineWriter(io.stdout);
  const ctx = await cliContext(app, values.as);
  if (sub === 'list') {
    const users = await app.users.list(ctx);
    if (values.json) say(JSON.stringify(users));
    else
      for (const u of users)
        say(
          `${u.email.padEnd(36)} ${u.roleLabel.padEnd(32)} ${u.scopeLabel}${u.sponsorName ? ` · ${u.sponsorName}` : ''}${u.isActive ? '' : '  (nonaktif)'}`,
        );
    return 0;
  }
  if (!values.email) throw new UsageError(`--email wajib diisi\n\n${HELP}`);
  if (sub === 'add') {
    const role = RoleSchema.safeParse(values.role);
    if (!role.success) throw new UsageError(`--role harus salah satu dari: ${RoleSchema.options.join(', ')}`);
    if (!values.region?.length)
      throw new UsageError('--region wajib diisi (kode wilayah kerja, boleh lebih dari satu)');
    const { user, temporaryPassword } = await app.users.create(ctx, {
      email: values.email,
      fullName: values.name ?? values.email.split('@')[0]!,
      role: role.data as Role,
      regionCodes: values.region,
      ...(values.password ? { password: values.password } : {}),
      ...(values.sponsor ? { sponsorId: values.sponsor } : {}),
    });
    say(`Pengguna ditambahkan: ${user.email} — ${user.roleLabel}, ${user.scopeLabel}`);
    if (temporaryPassword) say(`Kata sandi sementara (tampil sekali): ${temporaryPassword}`);
    return 0;
  }
  const user = await app.users.findByEmail(values.email);
  if (!user) throw new AppError('USER_NOT_FOUND', `Pengguna ${values.email} tidak ditemukan.`);
  const password = await app.users.resetPassword(ctx, user.id);
  say(`Kata sandi baru untuk ${user.email} (tampil sekali): ${password}`);
  return 0;
}
