import { useTRPC } from '@event-flows/client';
import type { FiringAlertView } from '@event-flows/editor';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

/** How often the canvas reads what fires (the Alerts panel reads the same query, as often). */
const refreshMs = 10_000;

/**
 * The alerts firing now on a flow's bindings, each with its rule's name, for the marks on the canvas;
 * `null` until known (or when they could not be read: the canvas then shows none).
 */
export function useFiringAlerts(flowId: string): readonly FiringAlertView[] | null {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.alerts.list.queryOptions({ flowId }), refetchInterval: refreshMs });
  const data = list.data;
  return useMemo(() => {
    if (!data) return null;
    const names = new Map(data.rules.map((rule) => [rule.id, rule.name]));
    return data.firing.map((firing) => ({ rule: names.get(firing.ruleId) ?? firing.ruleId, binding: firing.binding }));
  }, [data]);
}
