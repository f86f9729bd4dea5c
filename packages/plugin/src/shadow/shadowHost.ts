import { pluginCss } from './pluginStyles.ts';

/** A shadow root made for one mount, and how to take it away again. */
export interface ShadowHost {
  /** Where React renders: a block inside the shadow root. */
  container: HTMLElement;
  /** Removes the shadow host element and drops its stylesheet. */
  remove(): void;
}

/**
 * Makes an isolated place inside `element`: a child element with an open shadow root holding the
 * plugin's stylesheet (constructed once per mount and adopted only by that root), so the host's CSS
 * cannot restyle the plugin and the plugin's cannot restyle the host.
 */
export function createShadowHost(element: HTMLElement): ShadowHost {
  const doc = element.ownerDocument;
  const host = doc.createElement('div');
  host.className = 'efs-plugin-host';
  host.style.display = 'block';
  host.style.height = '100%';
  element.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const view = doc.defaultView ?? window;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(pluginCss());
  root.adoptedStyleSheets = [sheet];
  const container = doc.createElement('div');
  container.className = 'efs-plugin';
  root.append(container);
  return {
    container,
    remove() {
      root.adoptedStyleSheets = [];
      host.remove();
    },
  };
}
