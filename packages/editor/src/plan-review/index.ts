/** Plan review: what deploying a flow will do, grouped, with blocked grants, their request states and access requests. */
export { PlanReview, type PlanReviewProps } from './PlanReview.tsx';
export { groupPlan, type PlanGroup, type PlanItem } from './planGroups.ts';
export type { AccessRequestState } from './grantStates.ts';
