/**
 * @event-flows/server — the package's one door for other packages. Types only: UI code (client,
 * plugin) may import the server as `import type`, never at run time (DESIGN §2).
 */
export type { AppRouter } from './api/appRouter.ts';
