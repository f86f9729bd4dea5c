import { Spinner } from '@event-flows/editor';
import type { Loaded } from './loaded.ts';

/**
 * What a page shows in place of a list that is not here: the design system's spinner saying what is
 * awaited, or the refusal as a sentence in the alert box; nothing once the list is here.
 */
export function LoadState({ loaded, waiting }: { loaded: Loaded<unknown>; waiting: string }) {
  if (loaded.state === 'loading') return <Spinner label={waiting} />;
  if (loaded.state === 'error') return <PageProblem>{loaded.message}</PageProblem>;
  return null;
}

/** A sentence saying what went wrong on a page (a refusal, a failed action), in the studio's alert box. */
export function PageProblem({ children }: { children: string }) {
  return (
    <p className="efs-app__alert" role="alert">
      {children}
    </p>
  );
}
