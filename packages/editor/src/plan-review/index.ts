/**
 * Plan review: what deploying a flow will do, grouped, with blocked grants, their request states and
 * access requests (whose "Request access for all" the problems panel shows too).
 */
export { PlanReview, type PlanReviewProps } from './PlanReview.tsx';
export { groupPlan, type PlanGroup, type PlanItem } from './planGroups.ts';
export { grantStatesOf, type AccessRequestState } from './grantStates.ts';
export { RequestAllAccess, type RequestAllAccessProps } from './RequestAllAccess.tsx';
