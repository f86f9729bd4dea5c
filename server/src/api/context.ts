import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';

/** What every procedure sees: the services and the signed-in user, if any. */
export interface Context {
  services: Services;
  user: User | undefined;
}

/**
 * Builds a request's context from its `Authorization` header (`Bearer <token>`), for SSE
 * subscriptions too: a token anywhere in the URL (tRPC's connection params) is not read, so no
 * client can work while leaving its token in access logs.
 * A plain function, so tests call it directly; the HTTP adapter only passes them on.
 */
export async function createContext(services: Services, authorization: string | undefined): Promise<Context> {
  const token = /^Bearer\s+(\S{1,4096})$/i.exec(authorization ?? '')?.[1];
  const user = token ? await services.platform.authenticate(token) : undefined;
  return { services, user };
}
