import type { Actor, Catalog, CatalogAlgorithm } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { AlgorithmNode } from '../graph.ts';
import { topicKey, type GraphIndex } from '../graphIndex.ts';
import { isAlgorithmRef, isLegalTopicName, versionForm, wildcardMatches } from '../names.ts';
import { accessNeeds } from '../needs.ts';
import { grantKey } from '../keys.ts';

/**
 * The rules that need the catalog and the actor: algorithms, versions, connections, topics,
 * grants and ownership of bindings by other flows.
 */
export function checkCatalog(index: GraphIndex, catalog: Catalog, actor: Actor, flowId: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const algorithms = new Map(catalog.algorithms.map((a) => [a.ref, a]));
  for (const node of index.algorithms) checkAlgorithm(node, algorithms.get(node.algorithm), actor, out);

  const connections = new Map(catalog.connections.map((c) => [c.id, new Set(c.topics.map((t) => t.name))]));
  for (const node of index.topics) {
    if (!isLegalTopicName(node.topic)) {
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
    } else if (isLegalTopicName(node.topic) && !topics.has(node.topic)) {
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

  const grants = new Set(catalog.grants.map(grantKey));
  const claims = new Map(catalog.claims.map((c) => [`${c.algorithm}\u0000${topicKey(c.connection, c.topic)}\u0000${c.direction}`, c.flowId]));
  for (const need of accessNeeds(index)) {
    const { algorithm, topic, access } = need;
    const nodeIds = [algorithm.id, topic.id];
    const where = `"${topic.topic}" on "${topic.connection}"`;
    const granted = grants.has(grantKey({ connection: topic.connection, topic: topic.topic, algorithm: algorithm.algorithm, access }));
    if (!granted) {
      out.push(
        actor.role === 'admin'
          ? {
              code: 'access-will-be-granted',
              severity: 'info',
              message: `${algorithm.algorithm} has no grant to ${access} to ${where}; deploying as a cluster admin grants it.`,
              nodeIds,
              edgeIds: need.edgeIds,
            }
          : {
              code: 'access-not-granted',
              severity: 'error',
              message: `${algorithm.algorithm} may not ${access} to ${where}: a cluster admin has not granted it. Request access from the plan.`,
              nodeIds,
              edgeIds: need.edgeIds,
            },
      );
    }
    if (need.direction) {
      const owner = claims.get(`${algorithm.algorithm}\u0000${topicKey(topic.connection, topic.topic)}\u0000${need.direction}`);
      if (owner !== undefined && owner !== flowId) {
        out.push({
          code: 'binding-owned-by-other-flow',
          severity: 'error',
          message: `${algorithm.algorithm} already ${need.direction === 'subscribe' ? 'subscribes' : 'publishes'} to ${where} in flow "${owner}". Remove it there first, or edit that flow.`,
          nodeIds,
          edgeIds: need.edgeIds,
        });
      }
    }
  }
  return out;
}

function checkAlgorithm(node: AlgorithmNode, known: CatalogAlgorithm | undefined, actor: Actor, out: Diagnostic[]): void {
  const at = { nodeIds: [node.id], edgeIds: [] };
  if (!isAlgorithmRef(node.algorithm)) {
    out.push({ code: 'invalid-algorithm-ref', severity: 'error', message: `"${node.algorithm}" is not an algorithm name; write it as "org/name".`, ...at });
    return;
  }
  if (!known) {
    out.push({ code: 'unknown-algorithm', severity: 'error', message: `There is no algorithm ${node.algorithm}.`, ...at });
    return;
  }
  if (known.org !== actor.orgId) {
    out.push({
      code: 'algorithm-not-in-org',
      severity: 'error',
      message: `${node.algorithm} belongs to "${known.org}", not to "${actor.orgId}": a flow uses only its own org's algorithms.`,
      ...at,
    });
  }
  if (!known.published) {
    out.push({ code: 'algorithm-not-published', severity: 'error', message: `${node.algorithm} is not published; publish a version first.`, ...at });
  }
  const form = versionForm(node.version);
  if (!form) {
    out.push({
      code: 'invalid-version',
      severity: 'error',
      message: `"${node.version}" is not a version: use latest, an exact version like 1.2.3, a wildcard like 1.2.*, or a build hash.`,
      ...at,
    });
    return;
  }
  const found =
    form === 'latest'
      ? known.versions.some((v) => v.published || node.version === 'latestPrivate')
      : form === 'exact'
        ? known.versions.some((v) => v.version === node.version)
        : form === 'wildcard'
          ? known.versions.some((v) => wildcardMatches(node.version, v.version))
          : known.versions.some((v) => v.buildHash !== undefined && v.buildHash.startsWith(node.version));
  if (!found) {
    out.push({
      code: 'unknown-version',
      severity: 'error',
      message: `${node.algorithm} has no version matching "${node.version}".`,
      ...at,
    });
  } else if (form === 'latest') {
    out.push({
      code: 'floating-version',
      severity: 'warning',
      message: `"${node.version}" changes whenever a new version is published, under a running flow. Pin an exact version.`,
      ...at,
    });
  }
}
