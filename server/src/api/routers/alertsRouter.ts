import { AlertRuleInput, describeCondition, Id, limits } from '@event-flows/model';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { alertHistory, countAlertRules, deleteAlertRule, firingAlerts, listAlertRules, saveAlertRule, silenceAlertRule, type StoredAlertRule } from '../../alerts/alertStore.ts';
import { webhookRefusal, webhookShown } from '../../alerts/webhook.ts';
import type { User } from '../../identity/identity.ts';
import type { Services } from '../../services.ts';
import { audit } from '../../store/audit.ts';
import { getFlow } from '../../store/flows.ts';
import { assertCanRead, assertCanWrite, authedProcedure, memberProcedure, router } from '../trpc.ts';

const FlowId = z.strictObject({ flowId: Id });
const RuleId = z.strictObject({ flowId: Id, id: Id });
/** A webhook address as typed in; whether the server will post to it is for `webhookRefusal` to say. */
const Webhook = z.string().trim().max(limits.webhookUrl, { error: `A webhook address may have at most ${limits.webhookUrl.toLocaleString('en')} characters` });

/** The flow `flowId`, refused as the caller may not see it (NOT_FOUND) or change it (FORBIDDEN). */
async function flowFor(services: Services, user: User, flowId: string, change: boolean) {
  const flow = await getFlow(services.db, flowId);
  if (!flow) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flow "${flowId}".` });
  if (change) assertCanWrite(user, flow.orgId);
  else assertCanRead(user, flow.orgId);
  return flow;
}

/** A rule as the API shows it: the webhook's host only (its path holds the token that posts to it). */
function shown(rule: StoredAlertRule, services: Services) {
  const { sealedWebhook, ...rest } = rule;
  return { ...rest, described: describeCondition(rule.condition), webhook: sealedWebhook ? webhookShown(services.secrets.open(sealedWebhook)) : null };
}


/** Alert rules of a flow, what is firing now, and what fired and resolved before (issue 22). */
export const alertsRouter = router({
  /** The flow's rules and the alerts firing now. Anyone who may see the flow. */
  list: authedProcedure.input(FlowId).query(async ({ ctx, input }) => {
    await flowFor(ctx.services, ctx.user, input.flowId, false);
    const [rules, firing] = await Promise.all([listAlertRules(ctx.services.db, input.flowId), firingAlerts(ctx.services.db, input.flowId)]);
    return { rules: rules.map((r) => shown(r, ctx.services)), firing };
  }),
  /** Firings and resolutions, newest first. */
  history: authedProcedure.input(z.strictObject({ flowId: Id, limit: z.int().min(1).max(500).default(100) })).query(async ({ ctx, input }) => {
    await flowFor(ctx.services, ctx.user, input.flowId, false);
    return alertHistory(ctx.services.db, input.flowId, input.limit);
  }),
  /**
   * Adds a rule (no `id`) or changes one. `webhook`: an address, `null` to remove it, omitted to keep
   * the stored one. Members of the flow's org and cluster admins.
   */
  save: memberProcedure
    .input(z.strictObject({ flowId: Id, id: Id.optional(), rule: AlertRuleInput, webhook: Webhook.nullable().optional() }))
    .mutation(async ({ ctx, input }) => {
      const flow = await flowFor(ctx.services, ctx.user, input.flowId, true);
      if (input.webhook) {
        const refused = webhookRefusal(input.webhook, ctx.services.alertWebhookHosts);
        if (refused) throw new TRPCError({ code: 'BAD_REQUEST', message: refused });
      }
      if (!input.id && (await countAlertRules(ctx.services.db, flow.id)) >= limits.alertRulesPerFlow) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `A flow may have at most ${limits.alertRulesPerFlow} alert rules; remove one first.` });
      }
      const sealed = input.webhook === undefined ? undefined : input.webhook === null || input.webhook === '' ? null : ctx.services.secrets.seal(input.webhook);
      const saved = await saveAlertRule(ctx.services.db, { flowId: flow.id, id: input.id, rule: input.rule, sealedWebhook: sealed, actor: ctx.user.id });
      if (!saved) throw new TRPCError({ code: 'NOT_FOUND', message: `Flow "${flow.name}" has no alert rule "${input.id ?? ''}".` });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'alert.save', target: flow.id, result: 'ok', detail: { rule: saved.id, name: saved.name } });
      return shown(saved, ctx.services);
    }),
  remove: memberProcedure.input(RuleId).mutation(async ({ ctx, input }) => {
    const flow = await flowFor(ctx.services, ctx.user, input.flowId, true);
    if (!(await deleteAlertRule(ctx.services.db, flow.id, input.id))) throw new TRPCError({ code: 'NOT_FOUND', message: `Flow "${flow.name}" has no alert rule "${input.id}".` });
    await audit(ctx.services.db, { actor: ctx.user.id, action: 'alert.remove', target: flow.id, result: 'ok', detail: { rule: input.id } });
    return { removed: input.id };
  }),
  /** Silences a rule for `minutes` (0: speaks again): its firings are still recorded, not sent. */
  silence: memberProcedure
    .input(z.strictObject({ flowId: Id, id: Id, minutes: z.int().min(0).max(limits.alertMinutes * 7) }))
    .mutation(async ({ ctx, input }) => {
      const flow = await flowFor(ctx.services, ctx.user, input.flowId, true);
      const until = input.minutes === 0 ? null : new Date(Date.now() + input.minutes * 60_000);
      if (!(await silenceAlertRule(ctx.services.db, flow.id, input.id, until))) throw new TRPCError({ code: 'NOT_FOUND', message: `Flow "${flow.name}" has no alert rule "${input.id}".` });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'alert.silence', target: flow.id, result: 'ok', detail: { rule: input.id, minutes: input.minutes } });
      return { silencedUntil: until?.toISOString() ?? null };
    }),
});
