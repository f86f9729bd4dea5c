import { createInstance } from '@module-federation/runtime';
import type * as Studio from '@event-flows/plugin';
import * as React from 'react';
import { StrictMode, useEffect, useRef, useState } from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';

/** The modules this host gave the remote from its own copy of React (read by the end-to-end test). */
const sharedWithRemote = new Set<string>();

/** Offers one of the host's React modules as the singleton every remote must use. */
function share(name: string, module: object) {
  return {
    version: React.version,
    scope: 'default',
    lib: () => {
      sharedWithRemote.add(name);
      return module;
    },
    shareConfig: { singleton: true, requiredVersion: `^${React.version}` },
  };
}

const federation = createInstance({
  name: 'efsFederationHost',
  remotes: [{ name: 'eventFlowsStudio', entry: new URL('/plugin/federation/remoteEntry.js', location.href).href, type: 'module' }],
  shared: {
    react: share('react', React),
    'react/jsx-runtime': share('react/jsx-runtime', jsxRuntime),
    'react-dom': share('react-dom', ReactDOM),
    'react-dom/client': share('react-dom/client', ReactDOMClient),
  },
});

Object.assign(window, { efsFederationHost: { sharedWithRemote } });

/** Loads the remote's `./studio` module and mounts the studio on render; unmounts it on cleanup. */
function StudioSlot() {
  const slot = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let handle: Studio.StudioHandle | undefined;
    let gone = false;
    federation
      .loadRemote<typeof Studio>('eventFlowsStudio/studio')
      .then((studio) => {
        if (gone || !slot.current || !studio) return;
        handle = studio.mount(slot.current, { apiUrl: location.origin, getToken: () => token, orgId: 'acme' });
      })
      .catch((error: unknown) => setFailure(String(error)));
    return () => {
      gone = true;
      handle?.unmount();
    };
  }, []);
  return failure ? <p role="alert">{failure}</p> : <div className="host-slot" ref={slot} data-testid="host-slot" />;
}

/** A host application whose React the studio remote shares through Module Federation. */
function HostApp() {
  const [shown, setShown] = useState(false);
  return (
    <div>
      <h1>Federation host</h1>
      <button type="button" onClick={() => setShown(!shown)}>
        {shown ? 'Unmount studio' : 'Mount studio'}
      </button>
      {shown ? <StudioSlot /> : null}
    </div>
  );
}

const root = document.getElementById('host-root');
if (root) {
  ReactDOMClient.createRoot(root).render(
    <StrictMode>
      <HostApp />
    </StrictMode>,
  );
}
