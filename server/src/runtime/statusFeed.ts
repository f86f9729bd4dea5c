/**
 * The binding statuses a server replica shows: its own runtime's (in process, or none) merged with
 * those the live `pnpm worker` processes report through the database, counts summed per binding. The
 * stream follows the workers' NOTIFYs on the status channel and the own runtime's changes, and looks
 * again every few seconds while anyone listens (a worker that died stops counting without a word).
 */
import { mergeStatuses, type BindingStatus } from '@event-flows/model';
import type { Db } from '../db/db.ts';
import type { Log } from '../log.ts';
import { liveWorkerStatuses, statusChannel } from '../store/bindingStatus.ts';
import { workerLiveMs } from '../store/runtimeWorkers.ts';
import type { StatusFeed } from './runtimeLink.ts';

/** How often the stream reads the statuses again although nothing was announced. */
const refreshMs = 5_000;

/** The statuses of `local` (this process's runtime) and of the live workers sharing `db`. */
export function mergedStatusFeed(db: Db, local: StatusFeed, log: Log): StatusFeed {
  const current = async (): Promise<BindingStatus[]> => mergeStatuses([...(await local.current()), ...(await liveWorkerStatuses(db, workerLiveMs))]);

  const listeners = new Set<(statuses: BindingStatus[]) => void>();
  let lastPushed = '';
  let reading: Promise<void> | undefined;
  let readAgain = false;
  // Reads the merged statuses and pushes them when they changed; a read asked for meanwhile follows the one under way.
  const push = (): void => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = (async () => {
      do {
        readAgain = false;
        try {
          const statuses = await current();
          const json = JSON.stringify(statuses);
          if (json === lastPushed) continue;
          lastPushed = json;
          for (const listener of listeners) listener(statuses);
        } catch (error) {
          log('warn', 'could not read the binding statuses of the workers', { error: error instanceof Error ? error.message : String(error) });
        }
      } while (readAgain && listeners.size > 0);
    })().finally(() => {
      reading = undefined;
    });
  };

  // While anyone listens: one LISTEN on the status channel, the own runtime's changes and a timer.
  let stopFollowing: (() => void) | undefined;
  const follow = (): (() => void) => {
    let unlisten: (() => Promise<void>) | undefined;
    let stopped = false;
    void db
      .query<{ schema: string }>('select current_schema() as schema')
      .then(([row]) => db.listen(statusChannel(row?.schema ?? 'public'), push))
      .then((stop) => {
        if (stopped) void stop();
        else unlisten = stop;
      })
      .catch((error: unknown) => log('warn', 'cannot LISTEN for worker statuses; reading them every few seconds', { error: error instanceof Error ? error.message : String(error) }));
    const unsubscribeLocal = local.subscribe(push);
    const timer = setInterval(push, refreshMs);
    timer.unref();
    return () => {
      stopped = true;
      clearInterval(timer);
      unsubscribeLocal();
      void unlisten?.();
    };
  };

  return {
    current,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        lastPushed = '';
        stopFollowing = follow();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stopFollowing?.();
          stopFollowing = undefined;
        }
      };
    },
  };
}
