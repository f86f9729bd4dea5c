/**
 * The design system: the components every view of the studio is built from, in the tokens of
 * tokens.css. The app (packages/plugin) uses these too, so the editor and the app look like one product.
 */
export { Button, type ButtonProps, type ButtonVariant } from './Button.tsx';
export { Badge, type BadgeProps, type BadgeTone } from './Badge.tsx';
export { Field, type FieldProps } from './Field.tsx';
export { Checkbox, type CheckboxProps } from './Checkbox.tsx';
export { Dialog, type DialogProps } from './Dialog.tsx';
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog.tsx';
export { Table, type TableColumn, type TableProps } from './Table.tsx';
export { Tabs, type TabItem, type TabsProps } from './Tabs.tsx';
export { EmptyState, type EmptyStateProps } from './EmptyState.tsx';
export { Spinner, type SpinnerProps } from './Spinner.tsx';
export { ListButton, ListRow, type ListButtonProps, type ListButtonTone, type ListRowProps } from './ListButton.tsx';
export { Disclosure, type DisclosureProps } from './Disclosure.tsx';
