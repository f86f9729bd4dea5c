/**
 * @event-flows/client — the typed tRPC client of Event Flows Studio and its TanStack Query integration.
 * It knows the server only by its router's type; server data lives in the query cache.
 */
export { createClient, trpcUrl, type ClientOptions, type EventFlowsClient, type TokenSource, type EventSourceConstructor } from './createClient.ts';
export type { WebSocketConstructor } from './webSocketLink.ts';
export { createOptionsProxy, type ApiOptionsProxy } from './optionsProxy.ts';
export { ApiProvider, useTRPC, useTRPCClient, type ApiProviderProps } from './ApiProvider.ts';
export {
  saveFlowMutationOptions,
  isConflictError,
  keepMineInput,
  type SaveConflict,
  type SaveOutcome,
  type SaveFlowDeps,
} from './saveFlow.ts';
export { busyRetryDelay, retryWhenBusy } from './retryWhenBusy.ts';
export { useFlow } from './useFlow.ts';
export { useSaveFlow, type SaveFlowState } from './useSaveFlow.ts';
export { useBindingStatus, type BindingStatusState } from './useBindingStatus.ts';
export { useBindingHistory } from './useBindingHistory.ts';
export { refreshAfterChange, type RefreshDeps, type StudioChange } from './studioChanges.ts';
export { useStudioChanges } from './useStudioChanges.ts';
export type { ApiInputs, ApiOutputs, FlowView, SaveFlowInput, BindingStatusRow, BindingHistoryRow, EventsTabRowView } from './types.ts';
export { errorSentence, fieldProblems, fieldSentence, fieldLabel, type FieldProblem } from './errorSentence.ts';
export { withRefusalSentences, refusalSentence } from './httpRefusals.ts';
