/** A long list in collapsible groups with counts, drawing only the rows in view; the choice of grouping. */
export { GroupedList, groupBy, sortedByTitle, type GroupedListProps, type ListGroup } from './GroupedList.tsx';
export { GroupingChoice, groupAfterRows, type ListGrouping } from './GroupingChoice.tsx';
