import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Built into dist/web and served by `lectern serve` on the API's port (src/server/web-app.ts).
// `npm run dev:web` proxies /api to a running server on :3000 for hot reload.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks cache across releases.
        // Charts load only with the dashboard.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: "charts",
              test: /node_modules[\\/](@mantine[\\/]charts|recharts|d3-[a-z]+|victory-vendor|@reduxjs|react-redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3)[\\/]/,
            },
            { name: "mantine", test: /node_modules[\\/]@mantine[\\/](core|hooks|notifications)[\\/]/ },
            { name: "tanstack", test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
