import type { TokenSource } from '@event-flows/client';

/** The colour theme of the plugin. */
export type StudioTheme = 'light' | 'dark';

/**
 * Where the studio keeps the page it shows. `memory` (the default): inside the plugin only, so the
 * host's address is never touched. `hash`: in the address after `#` (`#/flows/<id>/history`), so a
 * reload returns to the same page and the browser's Back and Forward move between pages.
 */
export type StudioRouting = 'memory' | 'hash';

/** Something that happened in the plugin, told to the host through `onEvent`. */
export type StudioEvent =
  | { type: 'signed-in'; userId: string }
  | { type: 'signed-out' }
  | { type: 'navigated'; page: string }
  | { type: 'flow-saved'; flowId: string; revision: number }
  | { type: 'deployed'; flowId: string; revision: number; status: 'deployed' | 'invalid' | 'needs-grants' | 'failed' }
  | { type: 'binding-changed'; algorithm: string; connection: string; topic: string; access: 'subscribe' | 'publish'; change: 'enabled' | 'edited' | 'disabled' };

/** What the host passes to `mount()` (and the attributes of `<event-flows-studio>`). */
export interface StudioOptions {
  /** The Event Flows Studio server's base URL; the API is at `<apiUrl>/trpc`. */
  apiUrl: string;
  /** The signed-in person's bearer token, read before every request. Omit to show a sign-in form. */
  getToken?: TokenSource;
  /** The org whose flows to show; default: the signed-in person's first org. */
  orgId?: string;
  /** `org/name`: show only this algorithm's Events tab (the platform's algorithm profile). */
  algorithm?: string;
  /**
   * `light` or `dark`, and the studio offers no theme switch. Unset: the person picks light, dark or the
   * system's theme in the studio's header (kept in the browser's localStorage; default: the system's).
   */
  theme?: StudioTheme;
  /** Default `memory`: the host's address is left alone. `hash` gives every page an address (see {@link StudioRouting}). */
  routing?: StudioRouting;
  /** Told about sign-in, navigation, saves, deploys and binding changes. */
  onEvent?: (event: StudioEvent) => void;
}
