/* global document, location */
// The full studio: the plugin with React bundled; with no getToken it asks for a bearer token (kept
// for the browser session). The page is the studio's own, so its address follows the studio's pages
// (`/#/flows/<id>`): a reload stays on the page, Back and Forward move between pages.
import { mount } from '/plugin/bundled/event-flows-studio.js';
mount(document.getElementById('studio'), { apiUrl: location.origin, routing: 'hash' });
