import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';

/** How a call reached the server: a request over HTTP, or a message on a WebSocket (subscriptions only). */
export type Transport = 'http' | 'websocket';

/** What every procedure sees: the services, the signed-in user, if any, and how the call came. */
export interface Context {
  services: Services;
  user: User | undefined;
  transport: Transport;
}

/**
 * Builds a call's context from the caller's `Authorization` value (`Bearer <token>`): a request's
 * header, SSE subscriptions' included, or what a WebSocket sent as its first message. A token anywhere
 * in a URL is not read, so no client can work while leaving its token in access logs.
 * A plain function, so tests call it directly; the HTTP and WebSocket edges only pass them on.
 */
export async function createContext(services: Services, authorization: string | undefined, transport: Transport = 'http'): Promise<Context> {
  const token = /^Bearer\s+(\S{1,4096})$/i.exec(authorization ?? '')?.[1];
  const user = token ? await services.platform.authenticate(token) : undefined;
  return { services, user, transport };
}
