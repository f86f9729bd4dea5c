import './studio.css';
import { ApiProvider, createClient, useTRPC } from '@event-flows/client';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EventsPage } from '../events/EventsPage.tsx';
import { SignIn } from './SignIn.tsx';
import { StudioShell } from './StudioShell.tsx';
import { messageOf, StudioContext, type StudioContextValue } from './StudioContext.ts';
import type { StudioOptions } from './studioOptions.ts';

/**
 * The whole plugin: its own API client and the mount's query cache, a
 * sign-in form when the host gives no token, then either the algorithm's Events tab or the studio.
 */
export function StudioApp({ apiUrl, getToken, orgId, algorithm, theme = 'light', onEvent, queryClient }: StudioOptions & { queryClient: QueryClient }) {
  const [typedToken, setTypedToken] = useState<string | null>(null);
  const tokenSource = useRef(getToken);
  tokenSource.current = getToken;
  const typed = useRef(typedToken);
  typed.current = typedToken;
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const emit = useCallback<StudioContextValue['emit']>((event) => onEventRef.current?.(event), []);

  const client = useMemo(() => createClient({ apiUrl, getToken: () => (tokenSource.current ? tokenSource.current() : typed.current) }), [apiUrl]);

  const signedOut = !getToken && !typedToken;
  return (
    <div className="efs-app" data-theme={theme}>
      {signedOut ? (
        <SignIn onSignIn={setTypedToken} />
      ) : (
        <ApiProvider client={client} queryClient={queryClient}>
          <Session
            key={typedToken ?? 'host'}
            orgId={orgId}
            algorithm={algorithm}
            theme={theme}
            emit={emit}
            onSignOut={getToken ? undefined : () => {
              queryClient.clear();
              setTypedToken(null);
              emit({ type: 'signed-out' });
            }}
          />
        </ApiProvider>
      )}
    </div>
  );
}

interface SessionProps {
  orgId: string | undefined;
  algorithm: string | undefined;
  theme: StudioContextValue['theme'];
  emit: StudioContextValue['emit'];
  onSignOut: (() => void) | undefined;
}

function Session({ orgId, algorithm, theme, emit, onSignOut }: SessionProps) {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const userId = me.data?.user.id;
  useEffect(() => {
    if (userId) emit({ type: 'signed-in', userId });
  }, [userId, emit]);
  if (me.isPending) return <p className="efs-app__note">Signing in…</p>;
  if (me.error) {
    return (
      <div className="efs-app__error" role="alert">
        <p>Could not sign in: {messageOf(me.error)}</p>
        {onSignOut ? (
          <button type="button" onClick={onSignOut}>
            Try another token
          </button>
        ) : null}
      </div>
    );
  }
  const org = orgId ?? me.data.user.orgId ?? me.data.orgs[0]?.id ?? '';
  const value: StudioContextValue = { me: me.data, orgId: algorithm ? (algorithm.split('/')[0] ?? org) : org, theme, emit };
  return (
    <StudioContext.Provider value={value}>
      {algorithm ? <EventsPage algorithm={algorithm} /> : <StudioShell onSignOut={onSignOut} />}
    </StudioContext.Provider>
  );
}
