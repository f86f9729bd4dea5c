/** The Events tab: the platform's per-algorithm list of topic access, with Enable / Edit / Disable. */
export { EventsTab, type EventsTabProps } from './EventsTab.tsx';
export { BindingForm, type BindingFormProps } from './BindingForm.tsx';

export { exampleEventsTab, type ExampleEventsTab, type ExampleEnabled } from './exampleEventsTab.ts';
export {
  latestVersion,
  rowKey,
  isLatest,
  versionChoices,
  initialVersion,
  sameTopic,
  missingGrantsOf,
  requestState,
  type AccessRequestView,
  type EventsTabRow,
  type BindingTarget,
  type BindingChange,
} from './eventsTabRows.ts';
