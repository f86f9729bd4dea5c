/**
 * What Vite pre-bundles for the pages that render stories (the stories' tests and the visual
 * regression): the studio's screens import these, and found late they would make Vite optimise again
 * and reload the stories running then.
 */
export const storybookOptimizeDeps: readonly string[] = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-dev-runtime',
  '@xyflow/react',
  '@event-flows/client > @tanstack/react-query',
  '@event-flows/client > @trpc/client',
  '@event-flows/client > @trpc/tanstack-react-query',
  '@event-flows/client > @trpc/server/observable',
  '@event-flows/client > @trpc/server/rpc',
  '@event-flows/client > eventsource',
  '@event-flows/editor > zustand',
  '@event-flows/editor > zustand/vanilla',
  '@event-flows/editor > zustand/react/shallow',
  '@event-flows/editor > @tanstack/react-virtual',
  '@event-flows/model > zod',
  '@event-flows/model > yaml',
];
