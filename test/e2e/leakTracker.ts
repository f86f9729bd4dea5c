/// <reference lib="dom" />
// Parts of this file run in the page (Playwright evaluates them in Chromium), so they use the DOM types.
/**
 * Runs in the page before any of its scripts (Playwright's init script): wraps listener and timer
 * registration so a test can count what is still live — listeners on the window, the document or
 * elements still in it; timeouts not yet fired or cleared; intervals not cleared.
 */
export function installLeakTracker(): void {
  type Entry = { target: EventTarget; type: string; listener: unknown; capture: boolean };
  const listeners = new Set<Entry>();
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const proto = EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const captureOf = (options: unknown) => (typeof options === 'boolean' ? options : Boolean((options as { capture?: boolean } | undefined)?.capture));
  proto.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    if (listener) {
      const entry: Entry = { target: this, type, listener, capture: captureOf(options) };
      const duplicate = [...listeners].some((e) => e.target === this && e.type === type && e.listener === listener && e.capture === entry.capture);
      if (!duplicate) {
        listeners.add(entry);
        const once = typeof options === 'object' && options?.once;
        const signal = typeof options === 'object' ? options?.signal : undefined;
        signal?.addEventListener('abort', () => listeners.delete(entry));
        if (once) {
          const wrapped = listener;
          add.call(this, type, () => listeners.delete(entry), { once: true, capture: entry.capture });
          return add.call(this, type, wrapped, options);
        }
      }
    }
    return add.call(this, type, listener, options);
  };
  proto.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    const capture = captureOf(options);
    for (const e of listeners) if (e.target === this && e.type === type && e.listener === listener && e.capture === capture) listeners.delete(e);
    return remove.call(this, type, listener, options);
  };
  const realSetTimeout = window.setTimeout.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  const realSetInterval = window.setInterval.bind(window);
  const realClearInterval = window.clearInterval.bind(window);
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id = realSetTimeout(
      (...inner: unknown[]) => {
        timeouts.delete(id);
        if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...inner);
      },
      delay,
      ...args,
    );
    timeouts.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    timeouts.delete(id);
    realClearTimeout(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id = realSetInterval(handler, delay, ...args);
    intervals.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    intervals.delete(id);
    realClearInterval(id);
  }) as typeof window.clearInterval;
  const live = () => {
    const inDocument = [...listeners].filter((e) => e.target === window || e.target === document || (e.target instanceof Node && e.target.isConnected));
    return {
      listeners: inDocument.map((e) => `${e.target === window ? 'window' : e.target === document ? 'document' : (e.target as Element).nodeName}:${e.type}`).sort(),
      timeouts: timeouts.size,
      intervals: intervals.size,
      styleElements: document.querySelectorAll('style, link[rel="stylesheet"]').length,
      adoptedStyleSheets: document.adoptedStyleSheets.length,
      pluginHosts: document.querySelectorAll('.efs-plugin-host').length,
    };
  };
  (window as unknown as { efsLeaks: () => ReturnType<typeof live> }).efsLeaks = live;
}
