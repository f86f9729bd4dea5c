import { createHmac } from 'node:crypto';
import { userNameFor, type NamingOptions } from '@event-flows/model';

/**
 * The id of the embedded broker's connection. Its algorithm principals sign in with derived passwords
 * (on every replica and worker); only the server process that runs the broker writes the connection
 * and provisions the principals.
 */
export const embeddedConnectionId = 'local';

/**
 * The SASL password of an algorithm's principal on the embedded broker: derived from the installation's
 * secret key, so the server and every worker process agree on it without storing it anywhere.
 */
export function principalPassword(secretKey: Buffer, connection: string, principal: string): string {
  return createHmac('sha256', secretKey).update(`eventflows-principal\u0000${connection}\u0000${principal}`).digest('base64url');
}

/** The SASL user name of a principal (`User:x` → `x`). */
export function principalUser(principal: string): string {
  return principal.startsWith('User:') ? principal.slice('User:'.length) : principal;
}

/** The user name an algorithm authenticates as, under the installation's naming. */
export function algorithmUser(algorithm: string, naming: NamingOptions): string {
  return userNameFor(algorithm, naming);
}
