import type { Actual, ListenerOrigin } from '../desired.ts';
import { aclKey, bindingKey, grantKey, topicKey } from '../keys.ts';
import type { Plan } from './planSchema.ts';

/**
 * The state after every action of `plan` succeeded on `actual` — what the server's apply does,
 * computed without touching anything (for previews and for checking that planning again is empty).
 * Blocked grants are not applied.
 */
export function applyPlan(actual: Actual, plan: Plan): Actual {
  const topics = new Map(actual.topics.map((t) => [topicKey(t.connection, t.topic), t]));
  const acls = new Map(actual.acls.map((a) => [aclKey(a), a]));
  const managed = new Map(actual.managedAcls.map((a) => [aclKey(a), a]));
  const ofFlow = new Map((actual.flowAcls ?? []).map((a) => [aclKey(a), a]));
  const adopted = new Map((actual.adoptedTopics ?? []).map((t) => [topicKey(t.connection, t.topic), t]));
  const bindings = new Map(actual.bindings.map((b) => [bindingKey(b), b]));
  const grants = new Map(actual.grants.map((g) => [grantKey(g), g]));
  const origins = new Map((actual.listenerOrigins ?? []).map((o) => [originKey(o), o]));
  for (const action of plan.actions) {
    switch (action.kind) {
      case 'grant':
        if (!action.blocked) grants.set(grantKey(action.grant), action.grant);
        break;
      case 'create-topic': {
        const t = action.topic;
        topics.set(topicKey(t.connection, t.topic), {
          connection: t.connection,
          topic: t.topic,
          partitions: t.partitions ?? 1,
          ...(t.replicationFactor !== null ? { replicationFactor: t.replicationFactor } : {}),
        });
        break;
      }
      case 'adopt-topic':
        adopted.set(topicKey(action.topic.connection, action.topic.topic), { connection: action.topic.connection, topic: action.topic.topic });
        break;
      case 'create-acl':
        acls.set(aclKey(action.acl), action.acl);
        managed.set(aclKey(action.acl), action.acl);
        ofFlow.set(aclKey(action.acl), action.acl);
        break;
      case 'adopt-acl':
        managed.set(aclKey(action.acl), action.acl);
        ofFlow.set(aclKey(action.acl), action.acl);
        break;
      case 'delete-acl':
        acls.delete(aclKey(action.acl));
        managed.delete(aclKey(action.acl));
        ofFlow.delete(aclKey(action.acl));
        break;
      case 'start-binding':
      case 'update-binding':
        bindings.set(bindingKey(action.binding), action.binding);
        break;
      case 'stop-binding':
        bindings.delete(bindingKey(action.binding));
        break;
      case 'remove-platform-listener':
        origins.delete(originKey(action.origin));
        break;
      case 'hand-over-platform-listener':
        // Handed over only when the platform could be asked; otherwise both go on running.
        if (!action.unavailable) origins.delete(originKey(action.origin));
        break;
    }
  }
  return {
    topics: [...topics.values()],
    acls: [...acls.values()],
    managedAcls: [...managed.values()],
    ...(actual.flowAcls || ofFlow.size > 0 ? { flowAcls: [...ofFlow.values()] } : {}),
    ...(actual.adoptedTopics || adopted.size > 0 ? { adoptedTopics: [...adopted.values()] } : {}),
    bindings: [...bindings.values()],
    ...(actual.listenerOrigins ? { listenerOrigins: [...origins.values()] } : {}),
    grants: [...grants.values()],
    connectionsWithoutAuthorizer: [...actual.connectionsWithoutAuthorizer],
    ...(actual.aclsReadOn ? { aclsReadOn: [...actual.aclsReadOn] } : {}),
  };
}

function originKey(o: ListenerOrigin): string {
  return bindingKey({ ...o, direction: 'subscribe' });
}
