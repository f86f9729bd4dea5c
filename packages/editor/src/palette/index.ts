/** The palette: the org's algorithms and the connections' topics, to drag onto the canvas. */
export { Palette } from './Palette.tsx';
export {
  paletteItems,
  filterPaletteItems,
  defaultVersion,
  type PaletteItem,
} from './paletteItems.ts';
