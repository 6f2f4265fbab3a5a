import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

/**
 * WebKitGTK 2.46+ does not serve CORS-mode requests to custom URI schemes that are not registered
 * as CORS-enabled, and wry does not register `tauri://` so (tauri-apps/wry#1725). Module scripts
 * are always fetched in CORS mode, so a `<script type="module">` never loads on current Linux
 * desktops. The bundle is therefore one classic script, loaded without `crossorigin`.
 */
function classicScript(): Plugin {
  return {
    name: 'khachquen-classic-script',
    enforce: 'post',
    transformIndexHtml(html) {
      return html
        .replace(/<script type="module" crossorigin src=/g, '<script defer src=')
        .replace(/ crossorigin/g, '');
    },
  };
}

export default defineConfig({
  plugins: [svelte(), classicScript()],
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
    // Tests run in jsdom and need Svelte's browser build; a build keeps Vite's defaults.
    ...(process.env.VITEST ? { conditions: ['browser'] } : {}),
  },
  // Tauri serves the files itself: relative paths, no dev server needed for a build.
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: false,
    rollupOptions: { output: { format: 'iife', inlineDynamicImports: true } },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts'],
    setupFiles: ['./src/test-setup.ts'],
  },
});
