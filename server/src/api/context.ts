import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';

/** What every procedure sees: the services and the signed-in user, if any. */
export interface Context {
  services: Services;
  user: User | undefined;
}

/**
 * Builds a request's context from its `Authorization` header (`Bearer <token>`). A plain function, so
 * tests call it directly; the HTTP adapter only passes the header.
 */
export async function createContext(services: Services, authorization: string | undefined): Promise<Context> {
  const match = /^Bearer\s+(\S{1,4096})$/i.exec(authorization ?? '');
  const user = match?.[1] ? await services.platform.authenticate(match[1]) : undefined;
  return { services, user };
}
