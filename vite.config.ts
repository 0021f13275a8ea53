import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const page = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // MapLibre + deck.gl are one ~2 MB chunk (528 KB gzip), loaded only after sign-in; the warning adds nothing.
  // Two pages: the app (index.html) and the public map (public-map/index.html), a separate light entry
  // that the server packs into each publication's static artifacts (server/publications/artifacts.ts).
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
    rollupOptions: { input: { main: page('./client/index.html'), public: page('./client/public-map/index.html') } },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/ogc': 'http://localhost:8080' } },
});
