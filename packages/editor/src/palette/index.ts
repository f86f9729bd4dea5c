/** The palette: the org's algorithms and the connections' topics, to drag onto the canvas. */
export { Palette } from './Palette.tsx';
export {
  paletteItems,
  filterPaletteItems,
  connectionsToCreateOn,
  type PaletteItem,
} from './paletteItems.ts';
export { NewTopicForm, preferredConnection, type NewTopic, type NewTopicFormProps } from './NewTopicForm.tsx';
export { GuardrailsHint } from './GuardrailsHint.tsx';
