/* global document, fetch, location, URLSearchParams */
// The platform's algorithm profile: its Events tab embeds the plugin focused on one algorithm.
import { mount } from '/plugin/bundled/event-flows-studio.js';
const params = new URLSearchParams(location.search);
const algorithm = params.get('algorithm') ?? 'acme/classify';
const tokenInput = document.getElementById('token');
if (params.get('token')) tokenInput.value = params.get('token');
let token = tokenInput.value;
let plugin = null;

/** The header names the algorithm shown, with its description from the catalog once it has been read. */
async function showHeader() {
  const [org] = algorithm.split('/');
  const about = document.getElementById('algorithm-about');
  document.getElementById('algorithm-name').textContent = algorithm;
  document.title = `${algorithm} — Algorithm profile`;
  about.textContent = 'Loading the algorithm…';
  try {
    const input = encodeURIComponent(JSON.stringify({ orgId: org }));
    const response = await fetch(`/trpc/catalog.algorithms?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    const entry = (body.result?.data ?? []).find((a) => a.ref === algorithm);
    about.textContent = entry ? `${entry.description ?? 'No description'} · owned by ${org}` : body.error ? body.error.message : `There is no algorithm ${algorithm}.`;
  } catch {
    about.textContent = `Owned by ${org}`;
  }
}
const show = (tab) => {
  for (const name of ['overview', 'events']) {
    document.getElementById(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
    document.getElementById(name).hidden = name !== tab;
  }
  if (tab === 'events' && !plugin) {
    plugin = mount(document.getElementById('events-slot'), { apiUrl: location.origin, getToken: () => token, algorithm });
  } else if (tab !== 'events' && plugin) {
    plugin.unmount();
    plugin = null;
  }
};
document.getElementById('tab-overview').addEventListener('click', () => show('overview'));
document.getElementById('tab-events').addEventListener('click', () => show('events'));
document.getElementById('signin').addEventListener('submit', (event) => {
  event.preventDefault();
  token = tokenInput.value;
  void showHeader();
  plugin?.unmount();
  plugin = null;
  show('events');
});
show('events');
void showHeader();
