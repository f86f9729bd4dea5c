import type { FlowView } from '@event-flows/client';
import { PersonName } from '../app/PersonName.tsx';
import { useStudio } from '../app/StudioContext.ts';

/**
 * Who saved a revision that is not this page's own, as the start of a sentence ("… saved revision 4"):
 * "You, in another tab," when it was the signed-in person, else the person by name.
 */
export function WhoSaved({ flow }: { flow: Pick<FlowView, 'updatedBy' | 'updatedByName'> }) {
  const { me } = useStudio();
  if (flow.updatedBy === me.user.id) return <>You, in another tab,</>;
  return <PersonName id={flow.updatedBy} name={flow.updatedByName} />;
}
