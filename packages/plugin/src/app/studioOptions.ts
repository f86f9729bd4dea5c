import type { TokenSource } from '@event-flows/client';

/** The colour theme of the plugin. */
export type StudioTheme = 'light' | 'dark';

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
  /** Default `light`. */
  theme?: StudioTheme;
  /** Told about sign-in, navigation, saves, deploys and binding changes. */
  onEvent?: (event: StudioEvent) => void;
}
