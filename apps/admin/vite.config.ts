import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The admin is served by the API from `/`; in development Vite proxies `/api` to it. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  // @kaoping/shared is bundled from its TypeScript sources (its dist/ is the API's build).
  resolve: { conditions: ['@kaoping/source', ...defaultClientConditions] },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is close to 1 MB minified; ECharts goes with the lazily loaded map chunk.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs)[\\/]/ },
          ],
        },
      },
    },
  },
});
