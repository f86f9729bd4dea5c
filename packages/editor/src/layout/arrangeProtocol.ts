import type { LayoutPlace, LayoutRequest } from './layoutRequest.ts';

/** The messages between the editor and its arrange worker (arrange.worker.ts). */

/** Asks the worker to arrange one flow (or selection). */
export interface ArrangeAsk {
  request: LayoutRequest;
}

/** The worker's answer: the places, and how long the layout took in the worker (ms). */
export type ArrangeAnswer = { ok: true; places: LayoutPlace[]; workerMs: number } | { ok: false; reason: string };
