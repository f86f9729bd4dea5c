/** The problems panel: the model's diagnostics, each focusing what it concerns on the canvas. */
export { ProblemsPanel, type ProblemsPanelProps } from './ProblemsPanel.tsx';
export { useFocusElements } from './useFocusElements.ts';
