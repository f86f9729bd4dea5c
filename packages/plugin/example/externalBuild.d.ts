/**
 * The example host imports the React-external build (`vite build --mode external`), which ships no
 * declarations of its own: its exports are those of the plugin's source.
 */
declare module '*/dist/external/event-flows-studio.js' {
  export * from '@event-flows/plugin';
}
