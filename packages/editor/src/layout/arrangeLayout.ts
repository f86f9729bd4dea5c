import { foldDlqTopics } from './dlqFolding.ts';
import { layeredLayout, type LayoutProgress } from './layeredLayout.ts';
import type { LayoutPlace, LayoutRequest } from './layoutRequest.ts';
import { defaultSpacing, type LayoutSpacing } from './layoutSpacing.ts';

/**
 * Arranges a flow left to right in the direction messages travel (topic → algorithm → topic), each
 * DLQ topic below its algorithm, loops broken so that as few edges as possible point backwards.
 * Returns the new top-left corner of every node of the request, and nothing else; `onProgress` is
 * told now and then what share of the work is done. Runs in the arrange worker; it is plain data
 * in, plain data out, and deterministic.
 */
export function arrangeLayout(request: LayoutRequest, spacing: LayoutSpacing = defaultSpacing, onProgress?: LayoutProgress): LayoutPlace[] {
  if (request.nodes.length === 0) return [];
  const folded = foldDlqTopics(request);
  return folded.unfold(layeredLayout(folded.request, spacing, onProgress));
}
