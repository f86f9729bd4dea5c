import type { Actor, BindingClaim, Catalog, CatalogAlgorithm, CatalogConnection } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { AlgorithmNode, TopicNode } from '../graph.ts';
import { subscriptionDlq, type GraphIndex } from '../graphIndex.ts';
import { isAlgorithmRef, topicNameProblem, versionForm, wildcardMatches, type VersionForm } from '../nameRules.ts';
import { accessNeeds, type AccessNeed } from '../needs.ts';
import { bindingKey, grantKey, topicKey } from '../keys.ts';
import { clusterDefaultCreate, memberTopicFindings, topicNameFinding } from '../topicCreation.ts';
import { countOf } from '../words.ts';

/**
 * The rules that need the catalog and the actor: algorithms, versions, connections, topics,
 * grants and ownership of bindings by other flows.
 */
export function checkCatalog(index: GraphIndex, catalog: Catalog, actor: Actor, flowId: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = placeTopics(catalog);
  // A catalog algorithm or connection listed twice counts as its last listing.
  const known = new Map(catalog.algorithms.map((a) => [a.ref, a]));
  for (const node of index.algorithms) checkAlgorithm(node, known.get(node.algorithm), actor, out);
  checkEdgeVersions(index, known, out);

  const connections = new Map(catalog.connections.map((c) => [c.id, c]));
  const catalogTopics = new Set([...connections.values()].flatMap((c) => c.topics.map((t) => topicKey(c.id, t.name))));
  const member = actor.role !== 'admin';
  const needs = accessNeeds(index);
  // The topics a member's flow may create: its deploy asks for access to them, and creating the topic
  // goes with it. Any other topic would be created with the server's admin rights for no algorithm of the flow.
  const usedByEdges = new Set(needs.map((need) => need.topicKey));
  for (const [node, key] of index.topicKeys) {
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
    if (!connections.has(node.connection)) {
      out.push({
        code: 'unknown-connection',
        severity: 'error',
        message: `There is no Kafka connection "${node.connection}". Pick one of the installation's connections.`,
        nodeIds: [node.id],
        edgeIds: [],
      });
      continue;
    }
    if (!legal || catalogTopics.has(key)) continue;
    // A member creates topics only for the flow's own algorithms and within the member limits; an admin, any.
    const refused = member ? memberRefusals(node, usedByEdges.has(key), connections.get(node.connection), where) : [];
    if (refused.length > 0) {
      for (const d of refused) out.push(d);
      continue;
    }
    const how = node.create ? `with ${countOf(node.create.partitions, 'partition')}` : "with the cluster's default settings";
    out.push({
      code: 'topic-will-be-created',
      severity: 'info',
      message: `Topic ${where(node)} does not exist yet; deploy creates it ${how}.`,
      nodeIds: [node.id],
      edgeIds: [],
    });
  }

  if (member) checkDlqGuardrail(index, connections, where, out);
  for (const d of accessDiagnostics(needs, catalog, actor, flowId, where)) out.push(d);
  return out;
}

/** The `requireDlq` guardrail: each subscription of a member's flow to a topic on a connection that requires it has a DLQ. */
function checkDlqGuardrail(index: GraphIndex, connections: ReadonlyMap<string, CatalogConnection>, where: (topic: TopicNode) => string, out: Diagnostic[]): void {
  for (const subscription of index.subscribe) {
    const connection = connections.get(subscription.topic.connection);
    if (!connection?.memberTopicLimits?.requireDlq || subscriptionDlq(index, subscription)) continue;
    out.push({
      code: 'guardrail-dlq',
      severity: 'error',
      message: `${subscription.algorithm.algorithm} subscribes to ${where(subscription.topic)} without a DLQ; "${connection.name}" requires one for every subscription of a member's flow. Connect the algorithm's DLQ handle to a topic.`,
      nodeIds: [subscription.algorithm.id, subscription.topic.id],
      edgeIds: [subscription.edge.id],
    });
  }
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
  const named = topicNameFinding(node.topic, connection);
  if (named) out.push({ code: named.code, severity: 'error', message: named.message, ...at });
  // Without settings of its own the topic gets the cluster's defaults, which the limits hold as well.
  const subject = node.create ? `Topic ${where(node)}` : `Topic ${where(node)} (with the cluster's default settings)`;
  for (const finding of memberTopicFindings(node.create ?? clusterDefaultCreate(connection), connection, subject)) {
    out.push({ code: finding.code, severity: 'error', message: finding.message, ...at });
  }
  return out;
}

/** Grants the graph's access needs lack, and bindings other flows own. */
function accessDiagnostics(needs: readonly AccessNeed[], catalog: Catalog, actor: Actor, flowId: string | undefined, where: (topic: TopicNode) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const granted = new Set(catalog.grants.map(grantKey));
  // The owner of each binding; a later claim of the same binding replaces an earlier one.
  const owners = new Map<string, BindingClaim>(catalog.claims.map((c) => [bindingKey(c), c]));
  for (const { algorithm, topic, access, direction, edgeIds } of needs) {
    if (!granted.has(grantKey({ connection: topic.connection, topic: topic.topic, algorithm: algorithm.algorithm, access }))) {
      out.push(
        actor.role === 'admin'
          ? {
              code: 'access-will-be-granted',
              severity: 'info',
              message: `${algorithm.algorithm} has no grant to ${access} to ${where(topic)}; deploying as a cluster admin grants it.`,
              nodeIds: [algorithm.id, topic.id],
              edgeIds: [...edgeIds],
            }
          : {
              code: 'access-not-granted',
              severity: 'error',
              message: `${algorithm.algorithm} may not ${access} to ${where(topic)}: a cluster admin has not granted it. Request access from the plan.`,
              nodeIds: [algorithm.id, topic.id],
              edgeIds: [...edgeIds],
            },
      );
    }
    // Most catalogs hold no claims of other flows: then no key is built.
    const owner = direction && owners.size > 0 && owners.get(bindingKey({ algorithm: algorithm.algorithm, connection: topic.connection, topic: topic.topic, direction }));
    if (direction && owner && owner.flowId !== flowId) {
      out.push({
        code: 'binding-owned-by-other-flow',
        severity: 'error',
        message: `${algorithm.algorithm} already ${direction === 'subscribe' ? 'subscribes' : 'publishes'} to ${where(topic)} in flow "${owner.flowName}". Remove it there first, or edit that flow.`,
        nodeIds: [algorithm.id, topic.id],
        edgeIds: [...edgeIds],
      });
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
function checkEdgeVersions(index: GraphIndex, known: ReadonlyMap<string, CatalogAlgorithm>, out: Diagnostic[]): void {
  for (const kind of ['subscribe', 'publish'] as const) {
    const whose = ` (the version of this ${kind === 'subscribe' ? 'subscription' : 'publication'})`;
    for (const { edge, algorithm } of index[kind]) {
      if (edge.version === undefined) continue;
      const entry = known.get(algorithm.algorithm);
      // An unknown or malformed algorithm has its diagnostic on the node already.
      if (entry && isAlgorithmRef(algorithm.algorithm)) checkVersion(algorithm.algorithm, edge.version, entry, { nodeIds: [], edgeIds: [edge.id] }, whose, out);
    }
  }
}
