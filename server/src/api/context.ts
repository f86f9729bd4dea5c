import { apiLimits } from '@event-flows/model';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { ResponseBudget } from './responseBudget.ts';

/** How a call reached the server: a request over HTTP, or a message on a WebSocket (subscriptions only). */
export type Transport = 'http' | 'websocket';

/** What every procedure sees: the services, the signed-in user, if any, how the call came, and what its response may still hold. */
export interface Context {
  services: Services;
  user: User | undefined;
  transport: Transport;
  /** What the answers to this request may add up to, a batch's calls together (`apiLimits.responseBytes`). */
  response: ResponseBudget;
}

/**
 * Builds a call's context from the caller's `Authorization` value (`Bearer <token>`): a request's
 * header, SSE subscriptions' included, or what a WebSocket sent as its first message. A token anywhere
 * in a URL is not read, so no client can work while leaving its token in access logs. One context per
 * request: a batch's calls share it, and with it one response budget.
 * A plain function, so tests call it directly; the HTTP and WebSocket edges only pass them on.
 */
export async function createContext(services: Services, authorization: string | undefined, transport: Transport = 'http'): Promise<Context> {
  const token = /^Bearer\s+(\S{1,4096})$/i.exec(authorization ?? '')?.[1];
  const user = token ? await services.platform.authenticate(token) : undefined;
  return { services, user, transport, response: new ResponseBudget(apiLimits.responseBytes) };
}
