/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is served by Cuboid.Server from its wwwroot; `npm run dev` proxies the API to a
// session on port 9090 (or to the mock in dev/mock-server.mjs: `npm run mock`).
export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    outDir: "../src/Cuboid.Server/wwwroot",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      "/api": { target: "http://localhost:9090", ws: true },
      "/proxy": { target: "http://localhost:9090" },
      "/extensions": { target: "http://localhost:9090" },
      "/branding": { target: "http://localhost:9090" },
    },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
