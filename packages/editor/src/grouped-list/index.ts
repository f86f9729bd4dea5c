/** A long list in collapsible groups with counts, drawing only the rows in view. */
export { GroupedList, groupBy, type GroupedListProps, type ListGroup } from './GroupedList.tsx';
