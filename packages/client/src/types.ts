import type { AppRouter } from '@event-flows/server';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** Every procedure's input, by router and procedure: `ApiInputs['flows']['save']`. */
export type ApiInputs = inferRouterInputs<AppRouter>;

/** Every procedure's output, by router and procedure: `ApiOutputs['flows']['get']`. */
export type ApiOutputs = inferRouterOutputs<AppRouter>;

/** A flow as `flows.get` returns it (with the revision Kafka runs, `deployedRevision`). */
export type FlowView = ApiOutputs['flows']['get'];

/** What `flows.save` takes: the edited flow and the revision the edit started from. */
export type SaveFlowInput = ApiInputs['flows']['save'];

/** The live status of one running binding, as `runtime.statusStream` pushes it. */
export type BindingStatusRow = ApiOutputs['runtime']['status'][number];
/** One binding's recent history, as `runtime.history` returns it. */
export type BindingHistoryRow = ApiOutputs['runtime']['history'][number];

/** One row of an algorithm's Events tab, as `bindings.list` returns it. */
export type EventsTabRowView = ApiOutputs['bindings']['list'][number];
