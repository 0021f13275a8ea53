import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // MapLibre + deck.gl are one ~2 MB chunk (528 KB gzip), loaded only after sign-in; the warning adds nothing.
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2500 },
  server: { proxy: { '/api': 'http://localhost:8080', '/ogc': 'http://localhost:8080' } },
});
