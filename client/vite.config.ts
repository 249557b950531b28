// Vite 8 (Rolldown): the object form of manualChunks breaks, so Phaser is split with the
// function form; the play screen also imports Phaser lazily so the menu loads small.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    // The art in assets/ ships as files (cached, and counted apart from the JavaScript).
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes("node_modules/phaser")) return "phaser";
          return undefined;
        },
      },
    },
  },
  // assets/ sits beside client/ (the project's top-level layout): let the dev server read it.
  server: { port: 5173, fs: { allow: [".."] } },
  preview: { port: 4173 },
});
