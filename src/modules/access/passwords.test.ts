import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD } from '../demo/index.js';
import { passwordProblem, temporaryPassword } from './passwords.js';

const refused = (password: string, pattern: RegExp, email?: string, name?: string) => {
  const problem = passwordProblem(password, email, name);
  assert.ok(problem, `${password} should be refused`);
  assert.match(problem, pattern, password);
};

test('the issue’s examples and the published demo password are refused, each saying why', () => {
  refused('passwordpassword', /pengulangan/);
  refused('1234567890', /hanya berisi angka/);
  refused(DEMO_PASSWORD, /nama aplikasi/);
  refused('payung-demo-2026', /nama aplikasi/);
});

test('common passwords and their variants are refused', () => {
  for (const p of [
    'Password123!',
    'p@ssw0rd2024',
    'Jakarta2024!',
    'sayangku123',
    'bismillah99',
    'Qwerty12345',
  ]) {
    refused(p, /sering dipakai|urutan/);
  }
  refused('Palembang#1971', /sering dipakai/);
  refused('iloveyouiloveyou', /pengulangan/);
});

test('sequences, repeats and too few characters are refused', () => {
  refused('qwertyuiop', /urutan/);
  refused('abcdefghij', /urutan/);
  refused('qwerty-123456', /urutan/);
  refused('0987654321z', /urutan/);
  refused('rumahku7rumahku7', /pengulangan/);
  refused('aaaaaaaaaaaa', /sedikit karakter/);
  refused('ababababab12', /sedikit karakter|pengulangan/);
  refused('19-08-1975!!', /hanya berisi angka/);
});

test('a password made only of the user’s e-mail or name is refused', () => {
  refused('auditor-oi-2026', /nama atau e-mail/, 'auditor.oi@payung.local');
  refused('siti-aminah-88', /nama atau e-mail/, 'sa@pemda.go.id', 'Siti Aminah');
  refused('xx-budi.santoso-xx', /e-mail Anda/, 'budi.santoso@pemda.go.id');
});

test('ordinary good passwords pass, generated temporary ones too', () => {
  for (const p of ['kata-sandi-baru-2026', 'Benar-Sekali-Kopi-7', 'kuda merah lari pagi', 'Tg8#vLq2!mZr']) {
    assert.equal(passwordProblem(p, 'kepala@payung.local', 'Kepala Dinas'), null, p);
  }
  for (let i = 0; i < 50; i++) assert.equal(passwordProblem(temporaryPassword()), null);
  assert.match(passwordProblem('pendek') ?? '', /minimal 10/);
});
