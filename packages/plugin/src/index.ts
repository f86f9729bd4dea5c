/**
 * @event-flows/plugin — Event Flows Studio for embedding: `mount(element, options)` and the
 * `<event-flows-studio>` custom element, each rendering into a shadow root of its own.
 */
export { mount, type StudioHandle } from './mount.ts';
export { defineEventFlowsStudio, EventFlowsStudioElement } from './studioElement.ts';
export type { StudioOptions, StudioEvent, StudioRouting, StudioTheme } from './app/studioOptions.ts';
