import type { LayoutPlace, LayoutRequest } from './layoutRequest.ts';

/** The messages between the editor and its arrange worker (arrange.worker.ts). */

/** Asks the worker to arrange one flow (or selection). */
export interface ArrangeAsk {
  request: LayoutRequest;
}

/**
 * What the worker says: now and then how far it has got (a share from 0 to 1), then once its answer,
 * the places and how long the layout took in the worker (ms), or why it failed.
 */
export type ArrangeAnswer =
  | { kind: 'progress'; share: number }
  | { kind: 'placed'; places: LayoutPlace[]; workerMs: number }
  | { kind: 'failed'; reason: string };
