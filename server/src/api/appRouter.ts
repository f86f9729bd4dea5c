import { adminRouter } from './routers/adminRouter.ts';
import { alertsRouter } from './routers/alertsRouter.ts';
import { bindingsRouter } from './routers/bindingsRouter.ts';
import { catalogRouter } from './routers/catalogRouter.ts';
import { deploymentsRouter } from './routers/deploymentsRouter.ts';
import { discoverRouter } from './routers/discoverRouter.ts';
import { flowsRouter } from './routers/flowsRouter.ts';
import { platformRouter } from './routers/platformRouter.ts';
import { runtimeRouter } from './routers/runtimeRouter.ts';
import { sessionRouter } from './routers/sessionRouter.ts';
import { router } from './trpc.ts';

/** The whole API, merged in one place. */
export const appRouter = router({
  session: sessionRouter,
  catalog: catalogRouter,
  admin: adminRouter,
  flows: flowsRouter,
  bindings: bindingsRouter,
  deployments: deploymentsRouter,
  runtime: runtimeRouter,
  discover: discoverRouter,
  alerts: alertsRouter,
  platform: platformRouter,
});

/** The API's type, for the typed client (imported as a type only). */
export type AppRouter = typeof appRouter;
