import { Worker } from 'node:worker_threads';
import { documentSyntax, notParsed, parseFlowText, yamlParseOptions, type ParsedText } from '@event-flows/model';

/** Longest a YAML parse may take before it is stopped. */
const parseTimeoutMs = 30_000;
/** Heap a YAML parse may use: enough for a document at `limits.documentChars`, far from the process's. */
const parseHeapMb = 512;

/**
 * Parses flow document text as the model's `parseFlowText` does, with YAML parsed in a worker thread
 * of its own: a large YAML document takes seconds (JSON takes milliseconds and stays here), and a
 * hostile one must never hold the event loop that the API, the broker and the runtime share. A parse
 * that runs out of its heap or its time is refused with a sentence.
 */
export function parseOffThread(text: string): Promise<ParsedText> {
  if (documentSyntax(text) === 'json') return Promise.resolve(parseFlowText(text));
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./yamlWorker.mjs', import.meta.url), {
      workerData: { text, options: yamlParseOptions },
      resourceLimits: { maxOldGenerationSizeMb: parseHeapMb },
    });
    const finish = (result: ParsedText) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const timer = setTimeout(() => finish({ ok: false, errors: [`The document took over ${parseTimeoutMs / 1000} s to read; it is too complex to import.`] }), parseTimeoutMs);
    worker.once('message', (answer: { ok: true; data: unknown } | { ok: false; error: string }) =>
      finish(answer.ok ? answer : { ok: false, errors: [notParsed(new Error(answer.error))] }),
    );
    worker.once('error', (error) =>
      finish({ ok: false, errors: [/memory/i.test(error.message) ? 'The document needs too much memory to read; it is too complex to import.' : notParsed(error)] }),
    );
  });
}
