/* global document, location */
// The full studio: the plugin with React bundled; with no getToken it asks for a bearer token.
import { mount } from '/plugin/bundled/event-flows-studio.js';
mount(document.getElementById('studio'), { apiUrl: location.origin });
