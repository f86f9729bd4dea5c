/** The inspector: settings of the selected node or edge, and a keyboard path to connecting. */
export { Inspector } from './Inspector.tsx';
export { AlgorithmInspector } from './AlgorithmInspector.tsx';
export { TopicInspector } from './TopicInspector.tsx';
export { EdgeInspector } from './EdgeInspector.tsx';
export { ConnectByKeyboard } from './ConnectByKeyboard.tsx';
export { NumberField, TextField, SelectField, type NumberFieldProps, type TextFieldProps, type SelectFieldProps } from './fields.tsx';
export { topicOptions } from './topicOptions.ts';
