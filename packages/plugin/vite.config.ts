import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { federation } from '@module-federation/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const here = import.meta.dirname;
const registry = path.join(here, 'src/shadow/pluginStyles.ts');
const cssPrefix = '\0efs-shadow-css:';
const cssSuffix = '.shadow.js';

/**
 * The plugin's CSS goes into its shadow root, never into the host's document: every stylesheet
 * imported by the plugin, the editor or React Flow becomes a string registered with
 * `src/shadow/pluginStyles.ts`, which `mount()` adopts into the shadow root. Stylesheets of a host
 * page built alongside (the embedding example) are left to Vite as usual.
 */
function shadowCss(): Plugin {
  const ours = (file: string) =>
    file.includes(`${path.sep}packages${path.sep}editor${path.sep}`) ||
    file.includes(`${path.sep}packages${path.sep}plugin${path.sep}src${path.sep}`) ||
    file.includes(`${path.sep}@xyflow${path.sep}`);
  return {
    name: 'efs-shadow-css',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !/\.css$/.test(source) || importer.startsWith(cssPrefix)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved || !ours(resolved.id)) return null;
      // The id must not end in .css, or Vite's own CSS plugins would take the module for a stylesheet.
      return `${cssPrefix}${resolved.id}${cssSuffix}`;
    },
    load(id) {
      if (!id.startsWith(cssPrefix)) return null;
      const file = id.slice(cssPrefix.length, -cssSuffix.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `import { addPluginCss } from ${JSON.stringify(registry)};`,
        `addPluginCss(${JSON.stringify(path.relative(here, file))}, css);`,
      ].join('\n');
    },
  };
}

/** Prints the gzip size of everything the React-external build loads, as `pnpm size` reports it. */
function reportSize(dir: string): Plugin {
  return {
    name: 'efs-report-size',
    apply: 'build',
    closeBundle() {
      if (!process.env.EFS_PRINT_SIZE) return;
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css)$/.test(f) && statSync(path.join(dir, f)).isFile());
      const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
      process.stdout.write(`size:plugin gzip_kb=${(bytes / 1024).toFixed(1)}\n`);
    },
  };
}

/**
 * Modules whose evaluation has no effect but their exports: the model is pure by design (STYLE.md),
 * and the tRPC client's shared chunks also hold server code the client never calls.
 */
const sideEffectFree = [`${path.sep}packages${path.sep}model${path.sep}`, `${path.sep}yaml@`, `${path.sep}@trpc+server@`, `${path.sep}@trpc+client@`];

const reactModules = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];

/**
 * `use-sync-external-store` (imported by zustand, ours and React Flow's) is CommonJS and calls
 * `require('react')`. Where React is not bundled (external, federation) Rolldown can only leave a
 * `require` that throws in a browser, so its entry points resolve to ES modules of ours built on
 * React 19's own `useSyncExternalStore` (in every build: one implementation, and a smaller one).
 */
const useSyncExternalStoreShims = [
  { find: /^use-sync-external-store(\/shim)?\/with-selector(\.js)?$/, replacement: path.join(here, 'src/shims/useSyncExternalStoreWithSelector.ts') },
  { find: /^use-sync-external-store(\/shim)?(\/index)?(\.js)?$/, replacement: path.join(here, 'src/shims/useSyncExternalStore.ts') },
];

/**
 * Builds (`--mode`):
 * - `external`: ES module, React and React DOM left to the host (`dist/external`);
 * - `bundled`: ES module with React inside, for hosts without React (`dist/bundled`);
 * - `federation`: a Module Federation remote sharing the host's React (`dist/federation/remoteEntry.js`);
 * - `example`: a plain host page with its own React and CSS that embeds the external build
 *   (`dist/example`; build `external` first);
 * - `federation-host`: a host page that loads the federation remote with the Module Federation
 *   runtime and shares its own React with it (`dist/federation-host`).
 */
export default defineConfig(({ mode }): UserConfig => {
  const define = { 'process.env.NODE_ENV': JSON.stringify('production') };
  const base = {
    define,
    resolve: { alias: useSyncExternalStoreShims },
    build: { chunkSizeWarningLimit: 2_000 }, plugins: [shadowCss(), react()], logLevel: process.env.EFS_PRINT_SIZE ? ('warn' as const) : ('info' as const) };
  if (mode === 'federation') {
    return {
      ...base,
      base: '/plugin/federation/',
      plugins: [
        shadowCss(),
        react(),
        federation({
          name: 'eventFlowsStudio',
          filename: 'remoteEntry.js',
          exposes: { './studio': './src/index.ts' },
          shared: { react: { singleton: true }, 'react-dom': { singleton: true } },
          dts: false,
        }),
      ],
      build: {
        outDir: 'dist/federation',
        emptyOutDir: true,
        target: 'es2022',
        modulePreload: false,
        chunkSizeWarningLimit: 2_000,
        rolldownOptions: { input: path.join(here, 'src/index.ts'), preserveEntrySignatures: 'exports-only' },
      },
    };
  }
  if (mode === 'example') {
    // The last build: it embeds the external build, and it reports that build's size, so the
    // size line is the last thing `pnpm size` prints.
    return {
      ...base,
      plugins: [...base.plugins, reportSize(path.join(here, 'dist/external'))],
      base: '/plugin/example/',
      root: path.join(here, 'example'),
      build: { outDir: path.join(here, 'dist/example'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2_000 },
    };
  }
  if (mode === 'federation-host') {
    return {
      ...base,
      base: '/plugin/federation-host/',
      root: path.join(here, 'example-federation'),
      build: { outDir: path.join(here, 'dist/federation-host'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2_000 },
    };
  }
  const external = mode === 'external';
  const outDir = path.join(here, external ? 'dist/external' : 'dist/bundled');
  return {
    ...base,
    // Assets (the Arrange worker) are found next to the module, wherever a host serves it from.
    base: './',
    build: {
      outDir,
      chunkSizeWarningLimit: 2_000,
      emptyOutDir: true,
      target: 'es2022',
      // Library mode leaves ES output unminified by default; the plugin ships minified.
      minify: true,
      lib: { entry: path.join(here, 'src/index.ts'), formats: ['es'], fileName: () => 'event-flows-studio.js' },
      rolldownOptions: {
        output: { minify: true },
        treeshake: {
          moduleSideEffects: (id: string) => !sideEffectFree.some((part) => id.includes(part)),
          // Building a zod schema has no effect but the schema: one nobody uses can go.
          manualPureFunctions: ['z'],
        },
        external: external ? (id: string) => reactModules.includes(id) || id.startsWith('react/') || id.startsWith('react-dom/') : [],
      },
    },
  };
});
