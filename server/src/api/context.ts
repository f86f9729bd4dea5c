import { apiLimits } from '@event-flows/model';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { ResponseBudget } from './responseBudget.ts';

/** What every procedure sees: the services, the signed-in user, if any, and what its response may still hold. */
export interface Context {
  services: Services;
  user: User | undefined;
  /** What the answers to this request may add up to, a batch's calls together (`apiLimits.responseBytes`). */
  response: ResponseBudget;
}

/**
 * Builds a request's context from its `Authorization` header (`Bearer <token>`), for SSE
 * subscriptions too: a token anywhere in the URL (tRPC's connection params) is not read, so no
 * client can work while leaving its token in access logs. One context per request: a batch's calls
 * share it, and with it one response budget.
 * A plain function, so tests call it directly; the HTTP adapter only passes them on.
 */
export async function createContext(services: Services, authorization: string | undefined): Promise<Context> {
  const token = /^Bearer\s+(\S{1,4096})$/i.exec(authorization ?? '')?.[1];
  const user = token ? await services.platform.authenticate(token) : undefined;
  return { services, user, response: new ResponseBudget(apiLimits.responseBytes) };
}
