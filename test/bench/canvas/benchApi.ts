/**
 * What the bench page (page/main.tsx, in Chromium) and its driver (canvasBench.ts, in Node) agree on:
 * the URL parameters and the figures the page leaves on `window.efsBench`. Types only, so that both
 * sides type-check against the same shapes without sharing DOM or Node code.
 */

/** What the page mounts: the editor, or plain React Flow with its default nodes (the baseline). */
export type BenchSubject = 'editor' | 'baseline';

/** The figures of one first-paint run. */
export interface PaintResult {
  /** From just before mounting to the frame after the one that painted every node inside the viewport. */
  firstPaintMs: number;
  /** How many nodes lie inside the viewport (all of them were painted and measured). */
  visibleNodes: number;
  /** How many node elements React Flow had in the DOM at that moment. */
  renderedNodes: number;
  /** The viewport's zoom when painted. */
  zoom: number;
}

/** A node to drag, in CSS pixels of the page. */
export interface DragTarget {
  nodeId: string;
  x: number;
  y: number;
}

/** The figures of one drag recording. */
export interface DragResult {
  /** Animation frames in which the dragged node's transform differed from the frame before. */
  movedFrames: number;
  /** Pointer moves that reached the page (coalesced moves counted one by one). */
  movesReceived: number;
  /** 95th percentile of the drag update latency of the moves received (see page/dragRecorder.tsx). */
  updateP95Ms: number;
  /** Median of the same latency. */
  updateMedianMs: number;
  /** Animation frames recorded while the moves were sent. */
  frames: number;
}

/** The figures of one pan recording at fit-to-view. */
export interface PanResult {
  /** 95th percentile of the time between consecutive animation frames while the moves were sent. */
  frameP95Ms: number;
  /** Median of the same. */
  frameMedianMs: number;
  /** Animation frames recorded while the moves were sent. */
  frames: number;
  /** Frames in which the viewport's transform differed from the frame before. */
  movedFrames: number;
  /** Node elements React Flow had in the DOM when the recording stopped. */
  renderedNodes: number;
  /** The viewport's zoom when the recording started. */
  zoom: number;
}

/** The page's API on `window.efsBench`. */
export interface BenchApi {
  /** Set once the first paint is complete; `error` when it could not be measured. */
  paint: PaintResult | null;
  error: string | null;
  /** A node fully inside the canvas, to drag from its centre. */
  pickDragTarget(): DragTarget;
  /** Starts recording frames and pointer moves for the node `nodeId`. */
  startDragRecording(nodeId: string): void;
  /** Stops recording and returns the figures. */
  stopDragRecording(): DragResult;
  /** A point of the canvas's empty pane near its centre, where pressing starts a pan, in CSS pixels of the page. */
  pickPanPoint(): { x: number; y: number };
  /** Starts recording animation frames and the viewport's transform. */
  startPanRecording(): void;
  /** Stops recording and returns the figures. */
  stopPanRecording(): PanResult;
}
