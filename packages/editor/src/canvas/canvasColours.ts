/** The theme's colours as the `<canvas>` drawings (mini map, far drawing) need them: CSS variables of the editor. */
export interface CanvasColours {
  algorithm: string;
  topic: string;
  dlqTopic: string;
  selected: string;
  subscribe: string;
  publish: string;
  dlq: string;
  /** Groups: a frame's outline, a collapsed group's box (the accent), and text on that box. */
  group: string;
  onGroup: string;
  /** The ring around a search hit (find.css). */
  searchHit: string;
  /** The veil over what the mini map shows outside the view. */
  mask: string;
}

/** Reads the theme's colours where `element` sits (the variables are inherited from the editor's root). */
export function readCanvasColours(element: HTMLElement): CanvasColours {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    algorithm: read('--efs-algorithm-accent', '#6b3fd4'),
    topic: read('--efs-topic-accent', '#0f7b6c'),
    dlqTopic: read('--efs-dlq', '#b0247a'),
    selected: read('--efs-accent', '#2457d6'),
    subscribe: read('--efs-subscribe', '#2457d6'),
    publish: read('--efs-publish', '#0f7b6c'),
    dlq: read('--efs-dlq', '#b0247a'),
    group: read('--efs-accent', '#2457d6'),
    onGroup: read('--efs-node-bg', '#ffffff'),
    searchHit: read('--efs-search-hit', '#e0a100'),
    mask: read('--efs-minimap-veil', 'rgba(29, 35, 48, 0.07)'),
  };
}
