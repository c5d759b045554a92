import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// The browser app: built into dist/web, which the Fastify server serves next to the API.
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/**
 * Writes a Brotli and a gzip copy beside every text file of the build, once, at the highest levels: the
 * server sends them (@fastify/static `preCompressed`) to browsers that accept them, without compressing
 * on each request. Files under 1 KB are left alone.
 */
function precompress(): Plugin {
  return {
    name: 'payung-precompress',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(file.fileName)) continue;
        const content = file.type === 'chunk' ? file.code : file.source;
        const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
        if (bytes.length < 1024) continue;
        const path = join(outDir, file.fileName);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  // No React plugin: Oxc compiles TSX with the automatic JSX runtime by itself.
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the build: the server would otherwise publish the whole source (and it refuses
    // to serve *.map files anyway). Developers debug with `npm run dev`.
    sourcemap: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // TanStack's "use client" markers are for server-rendering frameworks; a plain bundle ignores them.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
