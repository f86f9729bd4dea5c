import { messageOf } from './StudioContext.ts';

/** Something read from the server, as a view takes it: on its way, refused (with a sentence), or here. */
export type Loadable<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/** A TanStack query's state as a {@link Loadable}: its data once there is some, else its error, else loading. */
export function loadable<T>(query: { data: T | undefined; error: unknown }): Loadable<T> {
  if (query.data !== undefined) return { state: 'ready', data: query.data };
  if (query.error) return { state: 'error', message: messageOf(query.error) };
  return { state: 'loading' };
}
