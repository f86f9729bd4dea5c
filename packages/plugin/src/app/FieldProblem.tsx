import type { ReactNode } from 'react';

/**
 * What is wrong with a field, as the error of a design-system `Field`: announced when it appears (an
 * alert), in the studio's one style of such sentences (`efs-app__problem`).
 */
export function FieldProblem({ children }: { children: ReactNode }) {
  return (
    <span role="alert" className="efs-app__problem">
      {children}
    </span>
  );
}
