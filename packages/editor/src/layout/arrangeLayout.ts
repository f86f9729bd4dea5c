import { foldDlqTopics } from './dlqFolding.ts';
import { elkLayout } from './elkLayout.ts';
import type { LayoutPlace, LayoutRequest } from './layoutRequest.ts';
import { defaultSpacing, type LayoutSpacing } from './layoutSpacing.ts';

/**
 * Arranges a flow left to right in the direction messages travel (topic → algorithm → topic), each
 * DLQ topic below its algorithm, loops broken so that as few edges as possible point backwards.
 * Returns the new top-left corner of every node of the request, and nothing else. Runs in the
 * arrange worker; it is plain data in, plain data out.
 */
export async function arrangeLayout(request: LayoutRequest, spacing: LayoutSpacing = defaultSpacing): Promise<LayoutPlace[]> {
  if (request.nodes.length === 0) return [];
  const folded = foldDlqTopics(request);
  return folded.unfold(await elkLayout(folded.request, spacing));
}
