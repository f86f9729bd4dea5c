import './host.css';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
// The React-external build, as a host installs it: it takes React and React DOM from this page.
import { mount, type StudioHandle } from '../dist/external/event-flows-studio.js';

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';

/** Where the host puts the plugin: mounts it on render, unmounts it on cleanup. */
function StudioSlot() {
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!slot.current) return;
    const handle: StudioHandle = mount(slot.current, { apiUrl: location.origin, getToken: () => token, orgId: 'acme' });
    return () => handle.unmount();
  }, []);
  return <div className="host-slot" ref={slot} data-testid="host-slot" />;
}

/** A host application with its own React and its own CSS, embedding the plugin (which shares this React). */
function HostApp() {
  const [shown, setShown] = useState(false);
  const [mounts, setMounts] = useState(0);
  return (
    <div>
      <h1>Host application</h1>
      <button
        type="button"
        onClick={() => {
          setShown(!shown);
          if (!shown) setMounts(mounts + 1);
        }}
      >
        {shown ? 'Unmount studio' : 'Mount studio'}
      </button>
      <span data-testid="mounts">{mounts}</span>
      {shown ? <StudioSlot /> : null}
    </div>
  );
}

const root = document.getElementById('host-root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <HostApp />
    </StrictMode>,
  );
}
