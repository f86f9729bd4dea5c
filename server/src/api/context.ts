import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';

/** What every procedure sees: the services and the signed-in user, if any. */
export interface Context {
  services: Services;
  user: User | undefined;
}

/**
 * Builds a request's context from its `Authorization` header (`Bearer <token>`), or, for an SSE
 * subscription (a browser's EventSource cannot send headers), the `token` of its connection params.
 * A plain function, so tests call it directly; the HTTP adapter only passes them on.
 */
export async function createContext(services: Services, authorization: string | undefined, connectionToken?: string): Promise<Context> {
  const match = /^Bearer\s+(\S{1,4096})$/i.exec(authorization ?? '');
  const token = match?.[1] ?? (connectionToken && connectionToken.length <= 4096 ? connectionToken : undefined);
  const user = token ? await services.platform.authenticate(token) : undefined;
  return { services, user };
}
