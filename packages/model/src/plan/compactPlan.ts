/**
 * A plan as it is sent to the review, and read back. Most actions' fields before and after say nothing
 * the action's object does not (a topic created: each of its settings from "(none)"): a compact plan
 * leaves those out, and the review derives them again, so the largest flow's plan stays well under a
 * response's limit (`pnpm exec tsx test/bench/planSize.ts` prints both sizes).
 */
import { adopted, aclFields, bindingFields, created, grantFields, removed, topicFields } from './fieldValues.ts';
import type { FieldChange, Plan, PlanAction } from './planSchema.ts';

/** The fields an action changes that its object says all by itself, or `undefined` for a kind whose changes are its own data. */
export function derivedChanges(action: PlanAction): FieldChange[] | undefined {
  switch (action.kind) {
    case 'grant':
      return created(grantFields(action.grant));
    case 'create-topic':
      return created(topicFields(action.topic));
    case 'adopt-topic':
    case 'adopt-acl':
      return adopted();
    case 'create-acl':
      return created(aclFields(action.acl));
    case 'delete-acl':
      return removed(aclFields(action.acl));
    case 'start-binding':
      return created(bindingFields(action.binding));
    case 'stop-binding':
      return removed(bindingFields(action.binding));
    case 'remove-platform-listener':
      return removed([['platform listener', `${action.origin.listener.userId}/${action.origin.listener.id}`]]);
    case 'update-binding':
    case 'hand-over-platform-listener':
      return undefined;
  }
}

/** Every field `action` changes: those it carries, else those its object says ({@link derivedChanges}). */
export function actionChanges(action: PlanAction): FieldChange[] {
  return action.changes ?? derivedChanges(action) ?? [];
}

/** The action with every field it changes ({@link actionChanges}). */
export function withChanges(action: PlanAction): PlanAction {
  return action.changes ? action : ({ ...action, changes: actionChanges(action) } as PlanAction);
}

/**
 * `plan` without the fields its actions' objects say by themselves: what the review needs, read with
 * {@link actionChanges}. Deploying does not read it: the server plans again.
 */
export function compactPlan(plan: Plan): Plan {
  return {
    ...plan,
    actions: plan.actions.map((action) => {
      if (derivedChanges(action) === undefined) return action;
      const { changes: _derivable, ...rest } = action;
      return rest as PlanAction;
    }),
  };
}
