/** Spacing of an automatic layout, in flow units. */
export interface LayoutSpacing {
  /** Between nodes of one column. */
  nodes: number;
  /** Between columns. */
  columns: number;
}

/** The spacing "Arrange" uses. */
export const defaultSpacing: LayoutSpacing = { nodes: 48, columns: 96 };
