import { Button } from '@event-flows/editor';
import './studio.css';
import { ApiProvider, createClient, useTRPC } from '@event-flows/client';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EventsPage } from '../events/EventsPage.tsx';
import { SignIn } from './SignIn.tsx';
import { StudioShell } from './StudioShell.tsx';
import { messageOf, StudioContext, type StudioContextValue } from './StudioContext.ts';
import { isTokenRefused, keepSessionToken, readSessionToken } from './sessionToken.ts';
import type { StudioOptions, StudioRouting } from './studioOptions.ts';
import { useThemeChoice, type ThemeState } from './useThemeChoice.ts';

/**
 * The whole plugin: its own API client and the mount's query cache, a
 * sign-in form when the host gives no token, then either the algorithm's Events tab or the studio.
 * A token typed into that form is kept for the browser session, so a reload keeps the person signed
 * in; Sign out forgets it, and so does a refusal by the server (back to the form, saying so).
 */
export function StudioApp({ apiUrl, getToken, orgId, algorithm, theme: hostTheme, routing = 'memory', onEvent, queryClient }: StudioOptions & { queryClient: QueryClient }) {
  const themeState = useThemeChoice(hostTheme);
  const { theme } = themeState;
  const [typedToken, setTypedToken] = useState<string | null>(() => (getToken ? null : readSessionToken(apiUrl)));
  const [refusal, setRefusal] = useState<string | null>(null);
  const tokenSource = useRef(getToken);
  tokenSource.current = getToken;
  const typed = useRef(typedToken);
  typed.current = typedToken;
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const emit = useCallback<StudioContextValue['emit']>((event) => onEventRef.current?.(event), []);

  const client = useMemo(() => createClient({ apiUrl, getToken: () => (tokenSource.current ? tokenSource.current() : typed.current) }), [apiUrl]);

  const signIn = (token: string) => {
    keepSessionToken(apiUrl, token);
    setRefusal(null);
    setTypedToken(token);
  };
  const signOut = useCallback(
    (reason: string | null) => {
      queryClient.clear();
      keepSessionToken(apiUrl, null);
      setTypedToken(null);
      setRefusal(reason);
      emit({ type: 'signed-out' });
    },
    [apiUrl, queryClient, emit],
  );
  // Any call the server refuses for the typed token (it was wrong, or is no longer valid) signs out.
  const ownToken = !getToken && typedToken !== null;
  useEffect(() => {
    if (!ownToken) return undefined;
    const refused = (error: unknown) => {
      if (isTokenRefused(error)) signOut('The server did not accept that token; check it and sign in again.');
    };
    const queries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') refused(event.action.error);
    });
    const mutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') refused(event.action.error);
    });
    return () => {
      queries();
      mutations();
    };
  }, [ownToken, queryClient, signOut]);

  const signedOut = !getToken && !typedToken;
  return (
    <div className="efs-app" data-theme={theme}>
      {signedOut ? (
        <SignIn onSignIn={signIn} refusal={refusal} />
      ) : (
        <ApiProvider client={client} queryClient={queryClient}>
          <Session
            key={typedToken ?? 'host'}
            orgId={orgId}
            algorithm={algorithm}
            themeState={themeState}
            routing={routing}
            emit={emit}
            onSignOut={getToken ? undefined : () => signOut(null)}
          />
        </ApiProvider>
      )}
    </div>
  );
}

interface SessionProps {
  orgId: string | undefined;
  algorithm: string | undefined;
  themeState: ThemeState;
  routing: StudioRouting;
  emit: StudioContextValue['emit'];
  onSignOut: (() => void) | undefined;
}

function Session({ orgId, algorithm, themeState, routing, emit, onSignOut }: SessionProps) {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const userId = me.data?.user.id;
  useEffect(() => {
    if (userId) emit({ type: 'signed-in', userId });
  }, [userId, emit]);
  if (me.isPending) return <p className="efs-app__note">Signing in…</p>;
  if (me.error) {
    return (
      <div className="efs-app__card">
        <p className="efs-app__alert" role="alert">
          {isTokenRefused(me.error) ? 'The server did not accept the token this page signs in with.' : `Could not sign in: ${messageOf(me.error)}`}
        </p>
        {onSignOut ? (
          <Button variant="primary" onClick={onSignOut}>
            Try another token
          </Button>
        ) : null}
      </div>
    );
  }
  const org = orgId ?? me.data.user.orgId ?? me.data.orgs[0]?.id ?? '';
  const value: StudioContextValue = { me: me.data, orgId: algorithm ? (algorithm.split('/')[0] ?? org) : org, theme: themeState.theme, themeChoice: themeState.choice, chooseTheme: themeState.choose, emit };
  return (
    <StudioContext.Provider value={value}>
      {algorithm ? <EventsPage algorithm={algorithm} /> : <StudioShell routing={routing} onSignOut={onSignOut} />}
    </StudioContext.Provider>
  );
}
