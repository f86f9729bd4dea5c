/**
 * The plugin's stylesheets as text, registered when their modules load (the build turns every CSS
 * import of the plugin, the editor and React Flow into a call here instead of a `<style>` in the
 * host's document). `mount()` adopts them into the plugin's shadow root only.
 */
const sheets = new Map<string, string>();

/** Registers one stylesheet (by its source path, so a module loaded twice registers it once). */
export function addPluginCss(source: string, css: string): void {
  sheets.set(source, css);
}

/** Every registered stylesheet, in import order, as one text. */
export function pluginCss(): string {
  return [...sheets.values()].join('\n');
}
