import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The browser app: built into dist/web, which the Fastify server serves next to the API.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  // No React plugin: Oxc compiles TSX with the automatic JSX runtime by itself.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
