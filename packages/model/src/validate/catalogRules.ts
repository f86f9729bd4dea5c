import type { Access, Actor, Catalog, CatalogAlgorithm, Direction } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { AlgorithmNode, TopicNode } from '../graph.ts';
import { topicIdsOn, type GraphIndex } from '../graphIndex.ts';
import { isAlgorithmRef, isLegalTopicName, versionForm, wildcardMatches, type VersionForm } from '../nameRules.ts';
import { accessNeeds } from '../needs.ts';
import { bindingKey, grantKey, hasSeparator, KeyNumbers } from '../keys.ts';

/**
 * The rules that need the catalog and the actor: algorithms, versions, connections, topics,
 * grants and ownership of bindings by other flows.
 */
export function checkCatalog(index: GraphIndex, catalog: Catalog, actor: Actor, flowId: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const algorithms = new Map<string, CatalogAlgorithm>();
  for (const a of catalog.algorithms) algorithms.set(a.ref, a);
  for (const node of index.algorithms) checkAlgorithm(node, algorithms.get(node.algorithm), actor, out);

  const connections = new Map<string, Set<string>>();
  for (const c of catalog.connections) {
    const names = new Set<string>();
    for (const t of c.topics) names.add(t.name);
    connections.set(c.id, names);
  }
  for (const node of index.topics) {
    const legal = isLegalTopicName(node.topic);
    if (!legal) {
      out.push({
        code: 'illegal-topic-name',
        severity: 'error',
        message: `"${node.topic}" is not a legal Kafka topic name: use 1 to 249 letters, digits, ".", "_" or "-", and not "." or "..".`,
        nodeIds: [node.id],
        edgeIds: [],
      });
    }
    const topics = connections.get(node.connection);
    if (!topics) {
      out.push({
        code: 'unknown-connection',
        severity: 'error',
        message: `There is no Kafka connection "${node.connection}". Pick one of the installation's connections.`,
        nodeIds: [node.id],
        edgeIds: [],
      });
    } else if (legal && !topics.has(node.topic)) {
      const how = node.create
        ? `with ${node.create.partitions} partitions`
        : "with the cluster's default settings";
      out.push({
        code: 'topic-will-be-created',
        severity: 'info',
        message: `Topic "${node.topic}" does not exist on "${node.connection}" yet; deploy creates it ${how}.`,
        nodeIds: [node.id],
        edgeIds: [],
      });
    }
  }

  const keys = index.plainNames && catalogNamesArePlain(catalog) ? new NumberedAccessKeys(index) : new StringAccessKeys(index);
  for (const d of accessDiagnostics(index, catalog, actor, flowId, keys)) out.push(d);
  return out;
}

/**
 * Numbers for grants and binding claims: equal exactly when their string keys are. `undefined` for a
 * grant or claim of a topic or algorithm that is not in the graph, which no need can match.
 */
interface AccessKeys {
  grant(connection: string, topic: string, algorithm: string, access: Access): number | undefined;
  binding(algorithm: string, connection: string, topic: string, direction: Direction): number | undefined;
  /** The key of the grant algorithm node `algorithmNo` needs on a topic node (of the given identity number). */
  needGrant(algorithmNo: number, topic: TopicNode, topicId: number, access: Access): number;
  /** The key of the binding algorithm node `algorithmNo` has on a topic node (of the given identity number). */
  needBinding(algorithmNo: number, topic: TopicNode, topicId: number, direction: Direction): number;
}

/**
 * Keys from the index's topic and algorithm numbers (exact for an index with plain names). Classes rather
 * than objects of closures: every validation calls the same methods, so optimised code stays valid.
 */
class NumberedAccessKeys implements AccessKeys {
  private readonly refCount: number;

  constructor(private readonly index: GraphIndex) {
    this.refCount = index.refs.length;
  }

  // The topics of the last connection looked up: grants and claims mostly come several to a connection.
  private lastConnection: string | undefined;
  private lastTopics: ReadonlyMap<string, number> | undefined;

  grant(connection: string, topic: string, algorithm: string, access: Access): number | undefined {
    if (connection !== this.lastConnection) {
      this.lastConnection = connection;
      this.lastTopics = topicIdsOn(this.index, connection);
    }
    const topicId = this.lastTopics?.get(topic);
    const refNo = this.index.refNos.get(algorithm);
    if (topicId === undefined || refNo === undefined) return undefined;
    return (topicId * this.refCount + refNo) * 2 + (access === 'publish' ? 0 : 1);
  }

  binding(algorithm: string, connection: string, topic: string, direction: Direction): number | undefined {
    return this.grant(connection, topic, algorithm, direction);
  }

  // A need knows its topic's identity number and its algorithm's reference number: nothing is looked up.
  needGrant(algorithmNo: number, _topic: TopicNode, topicId: number, way: Access): number {
    return (topicId * this.refCount + (this.index.algorithmRefNos[algorithmNo] as number)) * 2 + (way === 'publish' ? 0 : 1);
  }

  needBinding(algorithmNo: number, topic: TopicNode, topicId: number, direction: Direction): number {
    return this.needGrant(algorithmNo, topic, topicId, direction);
  }
}

/** Tells whether no grant or claim names a connection or algorithm holding U+0000, the keys' separator. */
function catalogNamesArePlain(catalog: Catalog): boolean {
  const plain = (item: { connection: string; algorithm: string }) => !hasSeparator(item.connection) && !hasSeparator(item.algorithm);
  return catalog.grants.every(plain) && catalog.claims.every(plain);
}

/** Keys that number the full string keys: exact whatever the names hold. */
class StringAccessKeys implements AccessKeys {
  private readonly full = new KeyNumbers();

  constructor(private readonly index: GraphIndex) {}

  grant(connection: string, topic: string, algorithm: string, access: Access): number {
    return this.full.of(grantKey({ connection, topic, algorithm, access }));
  }

  binding(algorithm: string, connection: string, topic: string, direction: Direction): number {
    return this.full.of(bindingKey({ algorithm, connection, topic, direction }));
  }

  needGrant(algorithmNo: number, topic: TopicNode, _topicId: number, access: Access): number {
    return this.grant(topic.connection, topic.topic, this.refOf(algorithmNo), access);
  }

  needBinding(algorithmNo: number, topic: TopicNode, _topicId: number, direction: Direction): number {
    return this.binding(this.refOf(algorithmNo), topic.connection, topic.topic, direction);
  }

  private refOf(algorithmNo: number): string {
    return (this.index.algorithms[algorithmNo] as AlgorithmNode).algorithm;
  }
}

/** Grants the graph's access needs lack, and bindings other flows own. */
function accessDiagnostics(index: GraphIndex, catalog: Catalog, actor: Actor, flowId: string | undefined, keys: AccessKeys): Diagnostic[] {
  const out: Diagnostic[] = [];
  const grants = new Set<number>();
  for (const g of catalog.grants) {
    const key = keys.grant(g.connection, g.topic, g.algorithm, g.access);
    if (key !== undefined) grants.add(key);
  }
  // A later claim of the same binding replaces an earlier one.
  const claims = new Map<number, string>();
  for (const c of catalog.claims) {
    const key = keys.binding(c.algorithm, c.connection, c.topic, c.direction);
    if (key !== undefined) claims.set(key, c.flowId);
  }
  const needs = accessNeeds(index);
  for (let need = 0; need < needs.count; need++) {
    const algorithmNo = needs.algorithmNos[need] as number;
    const algorithm = index.algorithms[algorithmNo] as AlgorithmNode;
    const topic = needs.topics[need] as TopicNode;
    const topicId = needs.topicIds[need] as number;
    const access = needs.access[need] as Access;
    const direction = needs.directions[need];
    if (!grants.has(keys.needGrant(algorithmNo, topic, topicId, access))) {
      out.push(
        actor.role === 'admin'
          ? {
              code: 'access-will-be-granted',
              severity: 'info',
              message: `${algorithm.algorithm} has no grant to ${access} to ${where(topic)}; deploying as a cluster admin grants it.`,
              nodeIds: [algorithm.id, topic.id],
              edgeIds: needs.edgeIds(need),
            }
          : {
              code: 'access-not-granted',
              severity: 'error',
              message: `${algorithm.algorithm} may not ${access} to ${where(topic)}: a cluster admin has not granted it. Request access from the plan.`,
              nodeIds: [algorithm.id, topic.id],
              edgeIds: needs.edgeIds(need),
            },
      );
    }
    if (direction && claims.size > 0) {
      const owner = claims.get(keys.needBinding(algorithmNo, topic, topicId, direction));
      if (owner !== undefined && owner !== flowId) {
        out.push({
          code: 'binding-owned-by-other-flow',
          severity: 'error',
          message: `${algorithm.algorithm} already ${direction === 'subscribe' ? 'subscribes' : 'publishes'} to ${where(topic)} in flow "${owner}". Remove it there first, or edit that flow.`,
          nodeIds: [algorithm.id, topic.id],
          edgeIds: needs.edgeIds(need),
        });
      }
    }
  }
  return out;
}

/** Where a diagnostic about an algorithm node points (made only when there is one to report). */
function at(node: AlgorithmNode): { nodeIds: string[]; edgeIds: string[] } {
  return { nodeIds: [node.id], edgeIds: [] };
}

/** Tells whether a catalog algorithm has a version that `version`, of the given form, matches. */
function hasVersion(known: CatalogAlgorithm, version: string, form: VersionForm): boolean {
  for (const v of known.versions) {
    const matches =
      form === 'latest'
        ? v.published || version === 'latestPrivate'
        : form === 'exact'
          ? v.version === version
          : form === 'wildcard'
            ? wildcardMatches(version, v.version)
            : v.buildHash !== undefined && v.buildHash.startsWith(version);
    if (matches) return true;
  }
  return false;
}

function where(topic: TopicNode): string {
  return `"${topic.topic}" on "${topic.connection}"`;
}

function checkAlgorithm(node: AlgorithmNode, known: CatalogAlgorithm | undefined, actor: Actor, out: Diagnostic[]): void {
  if (!isAlgorithmRef(node.algorithm)) {
    out.push({ code: 'invalid-algorithm-ref', severity: 'error', message: `"${node.algorithm}" is not an algorithm name; write it as "org/name".`, ...at(node) });
    return;
  }
  if (!known) {
    out.push({ code: 'unknown-algorithm', severity: 'error', message: `There is no algorithm ${node.algorithm}.`, ...at(node) });
    return;
  }
  if (known.org !== actor.orgId) {
    out.push({
      code: 'algorithm-not-in-org',
      severity: 'error',
      message: `${node.algorithm} belongs to "${known.org}", not to "${actor.orgId}": a flow uses only its own org's algorithms.`,
      ...at(node),
    });
  }
  if (!known.published) {
    out.push({ code: 'algorithm-not-published', severity: 'error', message: `${node.algorithm} is not published; publish a version first.`, ...at(node) });
  }
  const form = versionForm(node.version);
  if (!form) {
    out.push({
      code: 'invalid-version',
      severity: 'error',
      message: `"${node.version}" is not a version: use latest, an exact version like 1.2.3, a wildcard like 1.2.*, or a build hash.`,
      ...at(node),
    });
    return;
  }
  if (!hasVersion(known, node.version, form)) {
    out.push({
      code: 'unknown-version',
      severity: 'error',
      message: `${node.algorithm} has no version matching "${node.version}".`,
      ...at(node),
    });
  } else if (form === 'latest') {
    out.push({
      code: 'floating-version',
      severity: 'warning',
      message: `"${node.version}" changes whenever a new version is published, under a running flow. Pin an exact version.`,
      ...at(node),
    });
  }
}
