import type { Access, Actor, BindingClaim, Catalog, CatalogAlgorithm, CatalogConnection, Grant } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { AlgorithmNode, TopicNode } from '../graph.ts';
import { topicIdsOn, type GraphIndex } from '../graphIndex.ts';
import type { NameLookup } from '../nameMap.ts';
import { isAlgorithmRef, topicNameProblem, versionForm, wildcardMatches, type VersionForm } from '../nameRules.ts';
import { accessNeeds } from '../needs.ts';
import { bindingKey, grantKey, hasSeparator } from '../keys.ts';
import { KeyNumbers, PairNumbers } from '../numbers.ts';
import { memberTopicProblems } from '../topicCreation.ts';
import { countOf } from '../words.ts';

/**
 * The rules that need the catalog and the actor: algorithms, versions, connections, topics,
 * grants and ownership of bindings by other flows.
 */
export function checkCatalog(index: GraphIndex, catalog: Catalog, actor: Actor, flowId: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = placeTopics(catalog);
  const known = catalogAlgorithms(index, catalog);
  index.algorithms.forEach((node, i) => checkAlgorithm(node, known[index.algorithmRefNos[i] as number], actor, out));
  checkEdgeVersions(index, known, out);

  const topicState = catalogTopics(index, catalog);
  const member = actor.role !== 'admin';
  const usedByEdge = topicsUsedByEdges(index);
  const connectionOf = connectionsById(catalog);
  index.topics.forEach((node, i) => {
    const problem = topicNameProblem(node.topic);
    const legal = problem === undefined;
    if (!legal) {
      out.push({
        code: 'illegal-topic-name',
        severity: 'error',
        message: problem,
        nodeIds: [node.id],
        edgeIds: [],
      });
    }
    const state = topicState(i);
    if (state === 'unknown-connection') {
      out.push({
        code: 'unknown-connection',
        severity: 'error',
        message: `There is no Kafka connection "${node.connection}". Pick one of the installation's connections.`,
        nodeIds: [node.id],
        edgeIds: [],
      });
      return;
    }
    if (!legal || state !== 'missing') return;
    // A member creates topics only for the flow's own algorithms and within the member limits; an admin, any.
    const refused = member ? memberRefusals(node, usedByEdge(index.topicIdsOfTopics[i] as number), connectionOf(node.connection), where) : [];
    if (refused.length > 0) {
      for (const d of refused) out.push(d);
      return;
    }
    const how = node.create ? `with ${countOf(node.create.partitions, 'partition')}` : "with the cluster's default settings";
    out.push({
      code: 'topic-will-be-created',
      severity: 'info',
      message: `Topic ${where(node)} does not exist yet; deploy creates it ${how}.`,
      nodeIds: [node.id],
      edgeIds: [],
    });
  });

  for (const d of accessDiagnostics(index, catalog, actor, flowId, where)) out.push(d);
  return out;
}

/**
 * The catalog entry of each of the graph's algorithm references, by reference number: the last entry
 * with that reference, as a map keyed by reference would keep. Catalog entries are looked up in the
 * index, so nothing the size of the catalog is built.
 */
function catalogAlgorithms(index: GraphIndex, catalog: Catalog): Array<CatalogAlgorithm | undefined> {
  // Sized up front: filled at arbitrary positions, an array grown by gaps would turn into a slow dictionary.
  const byRef = new Array<CatalogAlgorithm | undefined>(index.refs.length).fill(undefined);
  for (const a of catalog.algorithms) {
    const refNo = index.refNos.get(a.ref);
    if (refNo !== undefined) byRef[refNo] = a;
  }
  return byRef;
}

/**
 * Tells whether one of the graph's edges uses a topic (by its identity number): the topics a member's
 * flow may create, since its deploy asks for access to them and creating the topic goes with it. Any
 * other topic would be created with the server's admin rights for no algorithm of the flow. Worked out
 * on the first call, so a flow that creates nothing pays nothing.
 */
function topicsUsedByEdges(index: GraphIndex): (topicId: number) => boolean {
  let used: Uint8Array | undefined;
  return (topicId) => {
    if (!used) {
      used = new Uint8Array(index.topicNodes.length);
      const needs = accessNeeds(index);
      for (let need = 0; need < needs.count; need++) used[needs.topicIds[need] as number] = 1;
    }
    return used[topicId] === 1;
  };
}

/**
 * Why a member's flow may not create a topic the cluster lacks: no edge uses it, or it asks for more
 * than the connection's member limits allow. Empty when it may.
 */
function memberRefusals(node: TopicNode, used: boolean, connection: CatalogConnection | undefined, where: (topic: TopicNode) => string): Diagnostic[] {
  const at = { nodeIds: [node.id], edgeIds: [] };
  const out: Diagnostic[] = [];
  if (!used) {
    out.push({
      code: 'topic-creation-not-granted',
      severity: 'error',
      message: `Topic ${where(node)} does not exist, and no edge of this flow uses it: a member's flow creates only the topics its algorithms subscribe or publish to. Connect it to an algorithm, or ask a cluster admin to create it.`,
      ...at,
    });
  }
  for (const message of node.create ? memberTopicProblems(node.create, connection, `Topic ${where(node)}`) : []) {
    out.push({ code: 'topic-setting-not-allowed', severity: 'error', message, ...at });
  }
  return out;
}

/** Looks a connection up by id; a connection listed twice counts as its last listing. */
function connectionsById(catalog: Catalog): (id: string) => CatalogConnection | undefined {
  let byId: Map<string, CatalogConnection> | undefined;
  return (id) => {
    // Built on the first new topic, so a flow that creates nothing pays nothing.
    byId ??= new Map(catalog.connections.map((c) => [c.id, c]));
    return byId.get(id);
  };
}

/** What the catalog says of a topic node's topic. */
type TopicState = 'exists' | 'missing' | 'unknown-connection';

/**
 * The {@link TopicState} of each topic node, by its place in {@link GraphIndex.topics}. A connection listed
 * twice counts as its last listing. With plain names each connection's topics are looked up in the
 * index, so nothing the size of the catalog is built.
 */
function catalogTopics(index: GraphIndex, catalog: Catalog): (position: number) => TopicState {
  const connections = new Map<string, CatalogConnection>();
  for (const c of catalog.connections) connections.set(c.id, c);
  const stateOf = (node: TopicNode, exists: boolean): TopicState => (!connections.has(node.connection) ? 'unknown-connection' : exists ? 'exists' : 'missing');
  if (!index.plainNames) {
    // Two topic nodes of one identity may differ in connection and name here: look each up by both.
    const names = new Map<string, Set<string>>();
    return (position) => {
      const node = index.topics[position] as TopicNode;
      let onConnection = names.get(node.connection);
      if (!onConnection) names.set(node.connection, (onConnection = new Set((connections.get(node.connection)?.topics ?? []).map((t) => t.name))));
      return stateOf(node, onConnection.has(node.topic));
    };
  }
  // 1 for each topic identity the catalog lists.
  const exists = new Uint8Array(index.topicNodes.length);
  for (const c of connections.values()) {
    const ids = topicIdsOn(index, c.id);
    if (!ids) continue;
    for (const t of c.topics) {
      const id = ids.get(t.name);
      if (id !== undefined) exists[id] = 1;
    }
  }
  return (position) => stateOf(index.topics[position] as TopicNode, exists[index.topicIdsOfTopics[position] as number] === 1);
}

/**
 * A set of grants or of binding claims, numbered 0, 1, … as they are added: the same number for the
 * same identity (equal exactly when their string keys are).
 */
interface AccessTable {
  /** Adds a grant or claim; returns its number, or -1 for one of a topic or algorithm the graph lacks (no need can match it). */
  add(connection: string, topic: string, algorithm: string, way: Access): number;
  /** The number of what algorithm node `algorithmNo` needs on a topic node (of the given identity number); -1 when it was not added. */
  find(algorithmNo: number, topic: TopicNode, topicId: number, way: Access): number;
}

/**
 * An {@link AccessTable} keyed by the index's topic and reference numbers (exact for an index with plain
 * names). Classes rather than objects of closures: every validation calls the same methods, so optimised
 * code stays valid.
 */
class NumberedAccessTable implements AccessTable {
  private readonly pairs: PairNumbers;

  constructor(
    private readonly index: GraphIndex,
    expected: number,
  ) {
    this.pairs = new PairNumbers(expected);
  }

  // The last connection's topics and the last algorithm looked up: grants and claims mostly come
  // several to a connection and to an algorithm.
  private lastConnection: string | undefined;
  private lastTopics: NameLookup | undefined;
  private lastAlgorithm: string | undefined;
  private lastRefNo: number | undefined;

  add(connection: string, topic: string, algorithm: string, way: Access): number {
    if (connection !== this.lastConnection) {
      this.lastConnection = connection;
      this.lastTopics = topicIdsOn(this.index, connection);
    }
    if (algorithm !== this.lastAlgorithm) {
      this.lastAlgorithm = algorithm;
      this.lastRefNo = this.index.refNos.get(algorithm);
    }
    const topicId = this.lastTopics?.get(topic);
    const refNo = this.lastRefNo;
    if (topicId === undefined || refNo === undefined) return -1;
    return this.pairs.number(topicId, refNo * 2 + (way === 'publish' ? 0 : 1));
  }

  // A need knows its topic's identity number and its algorithm's reference number: nothing is looked up.
  find(algorithmNo: number, _topic: TopicNode, topicId: number, way: Access): number {
    return this.pairs.find(topicId, (this.index.algorithmRefNos[algorithmNo] as number) * 2 + (way === 'publish' ? 0 : 1));
  }
}

/** Tells whether no grant or claim names a connection or algorithm holding U+0000, the keys' separator. */
function catalogNamesArePlain(catalog: Catalog): boolean {
  const plain = (item: { connection: string; algorithm: string }) => !hasSeparator(item.connection) && !hasSeparator(item.algorithm);
  return catalog.grants.every(plain) && catalog.claims.every(plain);
}

/** An {@link AccessTable} that numbers the full string keys (`grantKey` or `bindingKey`): exact whatever the names hold. */
class StringAccessTable implements AccessTable {
  private readonly full = new KeyNumbers();

  constructor(
    private readonly index: GraphIndex,
    private readonly keyOf: (connection: string, topic: string, algorithm: string, way: Access) => string,
  ) {}

  add(connection: string, topic: string, algorithm: string, way: Access): number {
    return this.full.of(this.keyOf(connection, topic, algorithm, way));
  }

  find(algorithmNo: number, topic: TopicNode, _topicId: number, way: Access): number {
    return this.full.find(this.keyOf(topic.connection, topic.topic, (this.index.algorithms[algorithmNo] as AlgorithmNode).algorithm, way));
  }
}

/** Grants the graph's access needs lack, and bindings other flows own. */
function accessDiagnostics(index: GraphIndex, catalog: Catalog, actor: Actor, flowId: string | undefined, where: (topic: TopicNode) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const numbered = index.plainNames && catalogNamesArePlain(catalog);
  const grants: AccessTable = numbered
    ? new NumberedAccessTable(index, catalog.grants.length)
    : new StringAccessTable(index, (connection, topic, algorithm, access) => grantKey({ connection, topic, algorithm, access }));
  // Indexed loops: the catalog's lists run to tens of thousands, and an iterator may allocate per step.
  for (let i = 0; i < catalog.grants.length; i++) {
    const g = catalog.grants[i] as Grant;
    grants.add(g.connection, g.topic, g.algorithm, g.access);
  }
  const claims: AccessTable = numbered
    ? new NumberedAccessTable(index, catalog.claims.length)
    : new StringAccessTable(index, (connection, topic, algorithm, direction) => bindingKey({ algorithm, connection, topic, direction }));
  // The owner of each claim by its number: a later claim of the same binding replaces an earlier one.
  const owners: BindingClaim[] = [];
  for (let i = 0; i < catalog.claims.length; i++) {
    const c = catalog.claims[i] as BindingClaim;
    const claim = claims.add(c.connection, c.topic, c.algorithm, c.direction);
    if (claim !== -1) owners[claim] = c;
  }
  const needs = accessNeeds(index);
  for (let need = 0; need < needs.count; need++) {
    const algorithmNo = needs.algorithmNos[need] as number;
    const algorithm = index.algorithms[algorithmNo] as AlgorithmNode;
    const topic = needs.topics[need] as TopicNode;
    const topicId = needs.topicIds[need] as number;
    const access = needs.accessOf(need);
    const direction = needs.directionOf(need);
    if (grants.find(algorithmNo, topic, topicId, access) === -1) {
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
    if (direction && owners.length > 0) {
      const claim = claims.find(algorithmNo, topic, topicId, direction);
      const owner = claim === -1 ? undefined : owners[claim];
      if (owner !== undefined && owner.flowId !== flowId) {
        out.push({
          code: 'binding-owned-by-other-flow',
          severity: 'error',
          message: `${algorithm.algorithm} already ${direction === 'subscribe' ? 'subscribes' : 'publishes'} to ${where(topic)} in flow "${owner.flowName}". Remove it there first, or edit that flow.`,
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

/**
 * Names a topic node as a person knows it: `"orders" on "Embedded Kafka"`, by its connection's
 * display name (its id when the catalog has no such connection).
 */
function placeTopics(catalog: Catalog): (topic: TopicNode) => string {
  const names = new Map(catalog.connections.map((c) => [c.id, c.name]));
  return (topic) => `"${topic.topic}" on "${names.get(topic.connection) ?? topic.connection}"`;
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
  checkVersion(node.algorithm, node.version, known, at(node), '', out);
}

/**
 * The version rule, for an algorithm node's version and for a subscribe or publish edge's own version
 * (`whose` says which, in the message; the diagnostic points at `where`).
 */
function checkVersion(algorithm: string, version: string, known: CatalogAlgorithm, where: { nodeIds: string[]; edgeIds: string[] }, whose: string, out: Diagnostic[]): void {
  const form = versionForm(version);
  if (!form) {
    out.push({
      code: 'invalid-version',
      severity: 'error',
      message: `"${version}"${whose} is not a version: use latest, an exact version like 1.2.3, a wildcard like 1.2.*, or a build hash.`,
      ...where,
    });
  } else if (!hasVersion(known, version, form)) {
    out.push({ code: 'unknown-version', severity: 'error', message: `${algorithm} has no version matching "${version}"${whose}.`, ...where });
  } else if (form === 'latest') {
    out.push({
      code: 'floating-version',
      severity: 'warning',
      message: `"${version}"${whose} changes whenever a new version is published, under a running flow. Pin an exact version.`,
      ...where,
    });
  }
}

/** The versions that subscribe and publish edges give their own binding, checked for a known algorithm as its node's is. */
function checkEdgeVersions(index: GraphIndex, known: ReadonlyArray<CatalogAlgorithm | undefined>, out: Diagnostic[]): void {
  for (const kind of ['subscribe', 'publish'] as const) {
    const whose = ` (the version of this ${kind === 'subscribe' ? 'subscription' : 'publication'})`;
    index[kind].forEach((edge, i) => {
      if (edge.version === undefined) return;
      const algorithmNo = index.ends[kind].algorithmNos[i] as number;
      const node = index.algorithms[algorithmNo] as AlgorithmNode;
      const entry = known[index.algorithmRefNos[algorithmNo] as number];
      // An unknown or malformed algorithm has its diagnostic on the node already.
      if (entry && isAlgorithmRef(node.algorithm)) checkVersion(node.algorithm, edge.version, entry, { nodeIds: [], edgeIds: [edge.id] }, whose, out);
    });
  }
}
