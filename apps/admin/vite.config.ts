import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The admin is served by the API from `/`; in development Vite proxies `/api` to it. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is larger than Vite's default warning threshold; the map page is split off.
    chunkSizeWarningLimit: 1500,
  },
});
