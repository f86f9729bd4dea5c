import { messageOf } from '../app/StudioContext.ts';

/**
 * What a page's view is given for one thing the server lists: still on its way, refused or failed (in
 * a sentence), or here. The containers make it from a TanStack query ({@link loadedOf}); stories write it.
 */
export type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/** The {@link Loaded} of a query: its data once there is some (kept while it refreshes), else its error, else loading. */
export function loadedOf<T>(query: { data: T | undefined; error: unknown }): Loaded<T> {
  if (query.data !== undefined) return { state: 'ready', data: query.data };
  if (query.error) return { state: 'error', message: messageOf(query.error) };
  return { state: 'loading' };
}

/** The data of a {@link Loaded}, or `fallback` while there is none. */
export function dataOr<T>(loaded: Loaded<T>, fallback: T): T {
  return loaded.state === 'ready' ? loaded.data : fallback;
}
