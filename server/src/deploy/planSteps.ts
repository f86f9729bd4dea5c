import type { Acl, Binding, DesiredTopic, Grant, ListenerOrigin, Plan, PlanAction } from '@event-flows/model';
import type { PartitionsChange, TopicConfigChange } from '../kafka/clusterWrites.ts';

/**
 * A plan's actions sorted into the batches that carry them out, in the plan's order: the grants to
 * record, per connection one CreateTopics, one AlterConfigs, one CreatePartitions, one CreateAcls and
 * one DeleteAcls, and the bindings to
 * enable and disable in one transaction. Connections keep the order in which the plan first names them.
 */
export interface PlanSteps {
  grants: Grant[];
  createTopics: Map<string, DesiredTopic[]>;
  /** Topics in Kafka already, to record as taken over: nothing is sent to Kafka for them. */
  adoptTopics: DesiredTopic[];
  /** Deployed topics whose config is put back, each with its whole config as it is to be. */
  alterTopicConfigs: Map<string, TopicConfigChange[]>;
  /** Deployed topics grown back to the flow's partition count. */
  createPartitions: Map<string, PartitionsChange[]>;
  createAcls: Map<string, Acl[]>;
  /** ACLs in Kafka already, to record as the flow's: nothing is sent to Kafka for them. */
  adoptAcls: Acl[];
  /** Bindings started or updated. */
  enable: Binding[];
  /** Bindings stopped. */
  disable: Binding[];
  /**
   * Listeners of the platform whose subscriptions the studio runs now: each is deleted there once the
   * studio's binding runs, or, with `unavailable`, left running (and the deploy records why).
   */
  handOverListeners: Array<{ origin: ListenerOrigin; unavailable?: string }>;
  /** Listeners of the platform to delete there (their adopted subscriptions are gone). */
  removeListeners: ListenerOrigin[];
  deleteAcls: Map<string, Acl[]>;
}

/**
 * Walks the plan's actions in order and puts each in its batch. Every kind of action is named here: a
 * kind the model adds does not compile until this says what to do with it.
 */
export function planSteps(plan: Plan): PlanSteps {
  const steps: PlanSteps = { grants: [], createTopics: new Map(), adoptTopics: [], alterTopicConfigs: new Map(), createPartitions: new Map(), createAcls: new Map(), adoptAcls: [], enable: [], disable: [], handOverListeners: [], removeListeners: [], deleteAcls: new Map() };
  for (const action of plan.actions) {
    switch (action.kind) {
      case 'grant':
        // A blocked grant is one only a cluster admin can give: the deploy files a request instead.
        if (!action.blocked) steps.grants.push(action.grant);
        break;
      case 'create-topic':
        add(steps.createTopics, action.topic.connection, action.topic);
        break;
      case 'adopt-topic':
        steps.adoptTopics.push(action.topic);
        break;
      case 'alter-topic-config':
        add(steps.alterTopicConfigs, action.connection, { topic: action.topic, config: action.config });
        break;
      case 'add-partitions':
        add(steps.createPartitions, action.connection, { topic: action.topic, partitions: action.partitions });
        break;
      case 'create-acl':
        add(steps.createAcls, action.acl.connection, action.acl);
        break;
      case 'adopt-acl':
        steps.adoptAcls.push(action.acl);
        break;
      case 'start-binding':
      case 'update-binding':
        steps.enable.push(action.binding);
        break;
      case 'stop-binding':
        steps.disable.push(action.binding);
        break;
      case 'hand-over-platform-listener':
        steps.handOverListeners.push({ origin: action.origin, ...(action.unavailable ? { unavailable: action.unavailable } : {}) });
        break;
      case 'remove-platform-listener':
        steps.removeListeners.push(action.origin);
        break;
      case 'delete-acl':
        add(steps.deleteAcls, action.acl.connection, action.acl);
        break;
      default:
        return unknownAction(action);
    }
  }
  return steps;
}

function add<T>(byConnection: Map<string, T[]>, connection: string, item: T): void {
  const items = byConnection.get(connection);
  if (items) items.push(item);
  else byConnection.set(connection, [item]);
}

/** Reached only by a kind of action not named above; the type says none is left. */
function unknownAction(action: never): never {
  throw new Error(`The plan has an action of a kind the deploy does not know: ${(action as PlanAction).kind}.`);
}
