import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from './ApiProvider.ts';
import { refreshAfterChange, type StudioChange } from './studioChanges.ts';

/**
 * Keeps the cached server data of an org fresh while the studio is open: listens to `flows.changes`
 * (SSE) and refreshes what each change touches; `onChange`, when given, hears each change after that.
 * After the stream reconnects it refreshes everything, since changes made meanwhile were not heard.
 */
export function useStudioChanges(orgId: string, onChange?: (change: StudioChange) => void): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listener = useRef(onChange);
  useEffect(() => {
    listener.current = onChange;
  }, [onChange]);
  const link = useRef<'new' | 'open' | 'interrupted'>('new');
  useSubscription(
    trpc.flows.changes.subscriptionOptions(
      { orgId },
      {
        onConnectionStateChange: ({ state }) => {
          if (state === 'connecting' && link.current === 'open') link.current = 'interrupted';
          if (state !== 'pending') return;
          if (link.current === 'interrupted') void queryClient.invalidateQueries();
          link.current = 'open';
        },
        onData: (change) => {
          void refreshAfterChange({ trpc, queryClient }, change);
          listener.current?.(change);
        },
      },
    ),
  );
}
