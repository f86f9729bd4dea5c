/* global document, location, URLSearchParams */
// The platform's algorithm profile: its Events tab embeds the plugin focused on one algorithm.
import { mount } from '/plugin/bundled/event-flows-studio.js';
const params = new URLSearchParams(location.search);
const algorithm = params.get('algorithm') ?? 'acme/classify';
const tokenInput = document.getElementById('token');
if (params.get('token')) tokenInput.value = params.get('token');
let token = tokenInput.value;
let plugin = null;
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
  plugin?.unmount();
  plugin = null;
  show('events');
});
show('events');
