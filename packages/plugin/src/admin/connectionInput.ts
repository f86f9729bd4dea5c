import type { ApiInputs, ApiOutputs } from '@event-flows/client';

/** A connection as the admin API lists it (no secrets). */
export type ConnectionView = ApiOutputs['admin']['connections']['list'][number];

/** What `admin.connections.update` takes. */
export type ConnectionUpdate = ApiInputs['admin']['connections']['update'];

/**
 * The update that keeps `connection` as it is but for `change`: its password and CA certificate are left
 * out, so the server keeps the stored ones and asks for neither.
 */
export function updateInputOf(connection: ConnectionView, change: Partial<Pick<ConnectionUpdate, 'memberTopicLimits'>>): ConnectionUpdate {
  const memberTopicLimits = 'memberTopicLimits' in change ? change.memberTopicLimits : connection.memberTopicLimits;
  return {
    id: connection.id,
    name: connection.name,
    bootstrap: connection.bootstrap,
    auth: connection.auth.mechanism === 'none' ? { mechanism: 'none' } : { mechanism: connection.auth.mechanism, username: connection.auth.username ?? '' },
    tls: { enabled: connection.tls.enabled },
    ...(memberTopicLimits ? { memberTopicLimits } : {}),
  };
}
