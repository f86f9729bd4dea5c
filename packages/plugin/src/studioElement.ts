import type { StudioEvent, StudioOptions, StudioTheme } from './app/studioOptions.ts';
import { mount, type StudioHandle } from './mount.ts';

/** The attributes `<event-flows-studio>` reads. */
const attributes = ['api-url', 'org-id', 'algorithm', 'theme', 'token'] as const;

/**
 * `<event-flows-studio api-url="…" org-id="acme" algorithm="acme/classify" theme="dark">`: the plugin as
 * a custom element. The token comes from the `token` attribute or, better, the `getToken` property;
 * plugin events are dispatched as `studio-event` CustomEvents (`event.detail` is a {@link StudioEvent}).
 */
export class EventFlowsStudioElement extends HTMLElement {
  static readonly observedAttributes = attributes;
  /** Returns the bearer token; takes precedence over the `token` attribute. */
  getToken: StudioOptions['getToken'];
  private handle: StudioHandle | null = null;

  private options(): StudioOptions {
    const token = this.getAttribute('token');
    const theme = this.getAttribute('theme');
    const getToken = this.getToken ?? (token ? () => this.getAttribute('token') : undefined);
    return {
      apiUrl: this.getAttribute('api-url') ?? '',
      ...(getToken ? { getToken } : {}),
      ...(this.getAttribute('org-id') ? { orgId: this.getAttribute('org-id') ?? '' } : {}),
      ...(this.getAttribute('algorithm') ? { algorithm: this.getAttribute('algorithm') ?? '' } : {}),
      theme: (theme === 'dark' ? 'dark' : 'light') satisfies StudioTheme,
      onEvent: (event: StudioEvent) => this.dispatchEvent(new CustomEvent('studio-event', { detail: event, bubbles: true, composed: true })),
    };
  }

  connectedCallback(): void {
    if (!this.handle) this.handle = mount(this, this.options());
  }

  disconnectedCallback(): void {
    this.handle?.unmount();
    this.handle = null;
  }

  attributeChangedCallback(): void {
    if (!this.handle) return;
    // A different algorithm or API is another plugin: mount anew rather than patch.
    this.handle.unmount();
    this.handle = mount(this, this.options());
  }
}

/**
 * Registers `<event-flows-studio>` (or another tag name) once; calling it again is harmless. Custom
 * element names cannot be unregistered, so the plugin never registers on import: the host decides.
 */
export function defineEventFlowsStudio(tagName = 'event-flows-studio'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, class extends EventFlowsStudioElement {});
}
