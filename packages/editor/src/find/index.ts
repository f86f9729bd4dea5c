/** Finding one's way in a big flow: search on the canvas and focus mode (a node and its neighbours). */
export { FindPanel } from './FindPanel.tsx';
export { FindProvider, useFind, useFindActions, useFindStoreApi } from './FindProvider.tsx';
export { createFindStore, type FindStore, type FindState, type FindActions, type CanvasFocus } from './findStore.ts';
export { neighbourhood, focusHops, type Neighbourhood } from './neighbourhood.ts';
export { searchHits } from './searchHits.ts';
export { useFocusView } from './useFocusView.ts';
export { useFindView, useSearchHits } from './useFindView.ts';
