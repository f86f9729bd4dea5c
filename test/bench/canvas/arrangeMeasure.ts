import type { Page } from 'playwright-core';

/** The figures of one "Arrange" of the flow open in the bench page. */
export interface ArrangeFigures {
  /** From the click on "Arrange" to the worker's answer reaching the page (the layout's time off the main thread). */
  arrangeMs: number;
  /** The longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms, else 0) while the worker ran (until its answer's task). */
  longestTaskMs: number;
  /** The longest main-thread task from the answer until the arranged flow was drawn (moving and drawing the nodes). */
  applyTaskMs: number;
}

/**
 * Clicks "Arrange" in the editor open in `page` and waits until the arranged flow is on the canvas.
 * Measured inside the page: the click's time, the arrival of the arrange worker's answer (seen by a
 * listener added to every Worker the page creates meanwhile) and every long task of the main thread.
 */
export async function measureArrange(page: Page, timeoutMs = 900_000): Promise<ArrangeFigures> {
  // tsx compiles the function below with esbuild's keepNames, which wraps named functions in a
  // `__name` helper that exists only in Node; the page gets a stand-in (a string is not compiled).
  await page.evaluate('globalThis.__name ??= (target) => target');
  return page.evaluate(async (timeout) => {
    const arrangeButton = () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Arrange');
    const button = arrangeButton();
    if (!button) throw new Error('the editor shows no "Arrange" button');
    const tasks: { start: number; duration: number }[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    });
    observer.observe({ type: 'longtask' });
    let answeredAt: number | null = null;
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        // Added before the editor sets `onmessage`, so it runs first: the time is taken before the answer is applied.
        // The worker's progress messages come before its answer and are not it.
        this.addEventListener('message', (event: MessageEvent<{ kind?: string }>) => {
          if (event.data.kind !== 'progress') answeredAt ??= performance.now();
        });
      }
    };
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    try {
      const clickedAt = performance.now();
      button.click();
      // The panel shows the progress and a Cancel while arranging, and "Arrange" again once the nodes have moved.
      while (answeredAt === null || !arrangeButton()) {
        const failure = document.querySelector('.efs-arrange [role="alert"]');
        if (failure) throw new Error(failure.textContent ?? 'Arrange failed');
        if (performance.now() - clickedAt > timeout) throw new Error('"Arrange" did not finish in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await frame();
      await frame();
      for (const entry of observer.takeRecords()) tasks.push({ start: entry.startTime, duration: entry.duration });
      const answered = answeredAt as number;
      // Tasks overlapping [from, to): the click's own task began before `clickedAt` was taken.
      const longest = (from: number, to: number) =>
        Math.max(0, ...tasks.filter((t) => t.start < to && t.start + t.duration > from).map((t) => t.duration));
      // The task that delivered the answer (the one running at `answered`) applies it: it counts as the
      // apply's, not as a task while the worker ran.
      const applying = tasks.find((t) => t.start <= answered && t.start + t.duration > answered);
      const whileRunning = applying ? Math.min(answered, applying.start) : answered;
      return { arrangeMs: answered - clickedAt, longestTaskMs: longest(clickedAt, whileRunning), applyTaskMs: longest(answered, Infinity) };
    } finally {
      observer.disconnect();
      window.Worker = PageWorker;
    }
  }, timeoutMs);
}
