import { busyRetryDelay, retryWhenBusy } from '@event-flows/client';
import { QueryClient } from '@tanstack/react-query';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { StudioApp } from './app/StudioApp.tsx';
import type { StudioOptions } from './app/studioOptions.ts';
import { createShadowHost } from './shadow/shadowHost.ts';

/** A mounted plugin: change its options, or take it away completely. */
export interface StudioHandle {
  /** Changes some options (for example a new `getToken`, `theme` or `algorithm`); the rest stay. */
  update(options: Partial<StudioOptions>): void;
  /** Unmounts React, drops the query cache, closes the streams and removes the shadow root and its stylesheet. */
  unmount(): void;
}

/**
 * Empties the cache for good. React runs the unmounted components' effect cleanups after
 * `root.unmount()` returns; a query or mutation losing its last observer then schedules a
 * garbage-collection timer, so each one is removed (and its timer cancelled) as that happens.
 */
function disposeCache(queryClient: QueryClient): void {
  const queries = queryClient.getQueryCache();
  const mutations = queryClient.getMutationCache();
  queryClient.clear();
  queries.subscribe((event) => {
    if (event.type === 'observerRemoved') queries.remove(event.query);
  });
  mutations.subscribe((event) => {
    if (event.type === 'observerRemoved') mutations.remove(event.mutation);
  });
}

/**
 * Mounts Event Flows Studio inside `element`, isolated in a shadow root of its own: the host's CSS
 * does not restyle it and its CSS does not restyle the host. With `algorithm` it shows only that
 * algorithm's Events tab. Uses the host's React when the build leaves React external.
 */
export function mount(element: HTMLElement, options: StudioOptions): StudioHandle {
  const shadow = createShadowHost(element);
  const root = createRoot(shadow.container);
  // One cache per mount, dropped whole at unmount. No timers of its own may outlive the mount: with
  // gcTime Infinity queries and mutations schedule no garbage-collection timers (the cache goes with the
  // mount instead), and with staleTime 0 observers schedule no "becomes stale" timers.
  const queryClient = new QueryClient({
    defaultOptions: {
      // Only a refusal for being busy is retried (TOO_MANY_REQUESTS); other failures show at once.
      queries: { retry: retryWhenBusy, retryDelay: busyRetryDelay, refetchOnWindowFocus: false, staleTime: 0, gcTime: Infinity },
      mutations: { gcTime: Infinity },
    },
  });
  let current = options;
  let mounted = true;
  const render = () => root.render(createElement(StudioApp, { ...current, queryClient }));
  render();
  return {
    update(next) {
      if (!mounted) return;
      current = { ...current, ...next };
      render();
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      root.unmount();
      disposeCache(queryClient);
      shadow.remove();
    },
  };
}
