import type { StudioEvent, StudioOptions, StudioRouting, StudioTheme } from './app/studioOptions.ts';
import { mount, type StudioHandle } from './mount.ts';

/** The attributes `<event-flows-studio>` reads. */
const attributes = ['api-url', 'org-id', 'algorithm', 'theme', 'routing', 'token'] as const;

/** Attributes that make another plugin (another server, or one algorithm's tab instead of the studio): mounted anew. */
const remountingAttributes: ReadonlySet<string> = new Set(['api-url', 'algorithm']);

/**
 * `<event-flows-studio api-url="…" org-id="acme" algorithm="acme/classify" theme="dark" routing="hash">`:
 * the plugin as a custom element. The token comes from the `token` attribute or, better, the `getToken`
 * property, which may be set before or after the element is defined or connected; a new token, theme,
 * org or routing changes the mounted plugin in place (unsaved edits stay), a new `api-url` or
 * `algorithm` mounts it anew. Plugin events are dispatched as `studio-event` CustomEvents (`event.detail` is a {@link StudioEvent}).
 */
export class EventFlowsStudioElement extends HTMLElement {
  static readonly observedAttributes = attributes;
  #getToken: StudioOptions['getToken'];
  private handle: StudioHandle | null = null;

  /** Returns the bearer token; takes precedence over the `token` attribute. */
  get getToken(): StudioOptions['getToken'] {
    return this.#getToken;
  }

  set getToken(value: StudioOptions['getToken']) {
    this.#getToken = value;
    this.handle?.update({ getToken: this.tokenSource() });
  }

  private tokenSource(): StudioOptions['getToken'] {
    return this.#getToken ?? (this.getAttribute('token') ? () => this.getAttribute('token') : undefined);
  }

  private options(): StudioOptions {
    const theme = this.getAttribute('theme');
    const routing = this.getAttribute('routing');
    return {
      apiUrl: this.getAttribute('api-url') ?? '',
      getToken: this.tokenSource(),
      orgId: this.getAttribute('org-id') || undefined,
      ...(this.getAttribute('algorithm') ? { algorithm: this.getAttribute('algorithm') ?? '' } : {}),
      ...(theme === 'dark' || theme === 'light' ? { theme: theme satisfies StudioTheme } : {}),
      routing: (routing === 'hash' ? 'hash' : 'memory') satisfies StudioRouting,
      onEvent: (event: StudioEvent) => this.dispatchEvent(new CustomEvent('studio-event', { detail: event, bubbles: true, composed: true })),
    };
  }

  connectedCallback(): void {
    // A host may set getToken before the element is defined: that own property hides the accessor,
    // so it is taken off and set again through it.
    if (Object.hasOwn(this, 'getToken')) {
      const value = this.getToken;
      Reflect.deleteProperty(this, 'getToken');
      this.getToken = value;
    }
    if (!this.handle) this.handle = mount(this, this.options());
  }

  disconnectedCallback(): void {
    this.handle?.unmount();
    this.handle = null;
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (!this.handle || previous === value) return;
    if (!remountingAttributes.has(name)) {
      this.handle.update(this.options());
      return;
    }
    // Another server or algorithm is another plugin: its cache and screens must not carry over.
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
