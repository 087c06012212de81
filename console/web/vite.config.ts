import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [preact()],
  build: { outDir: here('../dist'), emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  // `npm run dev -w console`: the API runs on the platform's port (tingzhen start).
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/media': { target: 'ws://127.0.0.1:8080', ws: true } } },
});
