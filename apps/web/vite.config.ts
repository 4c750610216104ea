import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web page, built into apps/web/dist and served by the API at `/` (apps/api/src/web).
 * Everything is bundled locally: no CDN, no external fonts. `vite` (dev server) proxies the
 * API routes to a running API on API_URL (default http://127.0.0.1:3000).
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // Small page: inline nothing (the CSP forbids inline scripts; data: images are allowed).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(
      ['/v1', '/demo-key', '/health'].map((p) => [p, { target: process.env.API_URL ?? 'http://127.0.0.1:3000' }]),
    ),
  },
});
