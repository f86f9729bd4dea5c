import type { FlowView } from '@event-flows/client';
import { useContext } from 'react';
import { PersonName } from '../app/PersonName.tsx';
import { StudioContext } from '../app/StudioContext.ts';

/**
 * Who saved a revision that is not this page's own, as the start of a sentence ("… saved revision 4"):
 * "You, in another tab," when it was the signed-in person (`signedInUserId`, by default the studio's),
 * else the person by name.
 */
export function WhoSaved({ flow, signedInUserId }: { flow: Pick<FlowView, 'updatedBy' | 'updatedByName'>; signedInUserId?: string }) {
  const me = useContext(StudioContext)?.me.user.id;
  if (flow.updatedBy === (signedInUserId ?? me)) return <>You, in another tab,</>;
  return <PersonName id={flow.updatedBy} name={flow.updatedByName} />;
}
