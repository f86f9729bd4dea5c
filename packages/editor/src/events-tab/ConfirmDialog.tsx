/*
 * The confirmation dialog lives in the design system (ui/ConfirmDialog.tsx); this path stays for the
 * DLQ viewer, which imports it from here, until that import moves.
 */
export { ConfirmDialog, type ConfirmDialogProps } from '../ui/ConfirmDialog.tsx';
