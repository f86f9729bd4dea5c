import { AclOperation, PatternType, Permission, ResourceType, filterMatches, type AclBinding, type AclFilter } from '../auth/aclStore.ts';
import { saslMechanisms } from '../auth/saslUsers.ts';
import { ScramExchange, ScramFailure, scramMechanisms, type ScramMechanism } from '../auth/scram.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { Handler } from '../server/brokerContext.ts';

const isScram = (mechanism: string): mechanism is ScramMechanism => (scramMechanisms as readonly string[]).includes(mechanism);

/** SaslHandshake: PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512, and only when SASL users are configured. */
export const handleSaslHandshake: Handler = (broker, req, body) => {
  const mechanisms: string[] = broker.saslUsers.size > 0 ? [...saslMechanisms] : [];
  const mechanism = String(body.mechanism);
  if (req.session.authenticated) return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms };
  if (!mechanisms.includes(mechanism)) return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms };
  req.session.saslMechanism = mechanism;
  req.session.scram = isScram(mechanism) ? new ScramExchange(mechanism, (user) => broker.saslUsers.scramCredential(mechanism, user)) : undefined;
  return { errorCode: 0, mechanisms };
};

/**
 * SaslAuthenticate: PLAIN in one round (`authzid NUL user NUL password`), SCRAM in two (client-first,
 * then client-final). A failure closes the connection and says only that authentication failed.
 */
export const handleSaslAuthenticate: Handler = (broker, req, body) => {
  const { session } = req;
  const answer = (authBytes: Buffer): Record<string, unknown> => ({ errorCode: 0, errorMessage: null, authBytes, sessionLifetimeMs: 0 });
  const failure = (errorCode: number, errorMessage: string, reason = errorMessage): Record<string, unknown> => {
    req.closeAfterResponse = true;
    broker.log(`SASL authentication failed from ${session.host}: ${reason}`);
    return { errorCode, errorMessage, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 };
  };
  const mechanism = session.saslMechanism;
  if (mechanism === null || session.authenticated) return failure(ErrorCode.ILLEGAL_SASL_STATE, 'Unexpected SaslAuthenticate request');
  const authBytes = body.authBytes as Buffer;
  const scram = session.scram;
  if (scram) {
    try {
      const reply = scram.respond(authBytes);
      if (scram.complete) signIn(session, scram.user as string);
      return answer(reply);
    } catch (error) {
      if (!(error instanceof ScramFailure)) throw error;
      const message = `Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`;
      return failure(ErrorCode.SASL_AUTHENTICATION_FAILED, message, `${mechanism}: ${error.message}`);
    }
  }
  const parts = authBytes.toString('utf8').split('\u0000');
  const [authzid, user, password] = parts;
  const valid = parts.length === 3 && user !== undefined && password !== undefined && broker.saslUsers.checkPlain(user, password);
  if (!valid || (authzid !== '' && authzid !== user)) {
    return failure(ErrorCode.SASL_AUTHENTICATION_FAILED, 'Authentication failed: Invalid username or password');
  }
  signIn(session, user);
  return answer(Buffer.alloc(0));
};

function signIn(session: { principal: string; authenticated: boolean }, user: string): void {
  session.principal = `User:${user}`;
  session.authenticated = true;
}

const concreteResourceTypes = new Set<number>([2, 3, 4, 5, 6, 7]);

function invalidBinding(b: AclBinding): string | undefined {
  if (!concreteResourceTypes.has(b.resourceType)) return 'Invalid resource type';
  if (b.patternType !== PatternType.LITERAL && b.patternType !== PatternType.PREFIXED) return 'Invalid pattern type';
  if (b.operation <= AclOperation.ANY || b.operation > 14) return 'Invalid operation';
  if (b.permissionType !== Permission.ALLOW && b.permissionType !== Permission.DENY) return 'Invalid permission type';
  if (!b.principal.includes(':')) return `Invalid principal ${b.principal}`;
  if (b.resourceName === '') return 'Empty resource name';
  return undefined;
}

/** The answer of a broker without an authorizer to every ACL request. */
const securityDisabled = { errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: 'No authorizer is configured on the broker.' };

/** CreateAcls: needs ALTER on the cluster. */
export const handleCreateAcls: Handler = (broker, req, body) => {
  const allowed = broker.authorizer.authorizeCluster(req.session, AclOperation.ALTER);
  const creations = body.creations as (Omit<AclBinding, 'patternType'> & { resourcePatternType: number })[];
  const results = creations.map((c) => {
    if (!broker.aclsEnabled) return securityDisabled;
    if (!allowed) return { errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
    const binding: AclBinding = {
      resourceType: c.resourceType,
      resourceName: c.resourceName,
      patternType: req.apiVersion >= 1 ? c.resourcePatternType : PatternType.LITERAL,
      principal: c.principal,
      host: c.host,
      operation: c.operation,
      permissionType: c.permissionType,
    };
    const problem = invalidBinding(binding);
    if (problem) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: problem };
    broker.acls.add(binding);
    return { errorCode: 0, errorMessage: null };
  });
  return { throttleTimeMs: 0, results };
};

function filterFrom(f: Record<string, unknown>, apiVersion: number): AclFilter {
  return {
    resourceType: Number(f.resourceTypeFilter),
    resourceName: (f.resourceNameFilter as string | null) ?? null,
    patternType: apiVersion >= 1 ? Number(f.patternTypeFilter) : PatternType.LITERAL,
    principal: (f.principalFilter as string | null) ?? null,
    host: (f.hostFilter as string | null) ?? null,
    operation: Number(f.operation),
    permissionType: Number(f.permissionType),
  };
}

/** DescribeAcls: needs DESCRIBE on the cluster; bindings grouped by resource pattern. */
export const handleDescribeAcls: Handler = (broker, req, body) => {
  if (!broker.aclsEnabled) return { throttleTimeMs: 0, ...securityDisabled, resources: [] };
  if (!broker.authorizer.authorizeCluster(req.session, AclOperation.DESCRIBE)) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.', resources: [] };
  }
  const filter = filterFrom(body, req.apiVersion);
  const byResource = new Map<string, { resourceType: number; resourceName: string; patternType: number; acls: unknown[] }>();
  for (const b of broker.acls.all()) {
    if (!filterMatches(filter, b)) continue;
    const key = `${b.resourceType}\u0000${b.patternType}\u0000${b.resourceName}`;
    let entry = byResource.get(key);
    if (!entry) byResource.set(key, (entry = { resourceType: b.resourceType, resourceName: b.resourceName, patternType: b.patternType, acls: [] }));
    entry.acls.push({ principal: b.principal, host: b.host, operation: b.operation, permissionType: b.permissionType });
  }
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, resources: [...byResource.values()] };
};

/** DeleteAcls: needs ALTER on the cluster; reports every binding each filter removed. */
export const handleDeleteAcls: Handler = (broker, req, body) => {
  const allowed = broker.authorizer.authorizeCluster(req.session, AclOperation.ALTER);
  const filterResults = (body.filters as Record<string, unknown>[]).map((f) => {
    if (!broker.aclsEnabled) return { ...securityDisabled, matchingAcls: [] };
    if (!allowed) return { errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.', matchingAcls: [] };
    const removed = broker.acls.remove(filterFrom(f, req.apiVersion));
    return {
      errorCode: 0,
      errorMessage: null,
      matchingAcls: removed.map((b) => ({ errorCode: 0, errorMessage: null, ...b })),
    };
  });
  return { throttleTimeMs: 0, filterResults };
};

/** InitProducerId: a fresh producer id for idempotent (or transactional) producers. */
export const handleInitProducerId: Handler = (broker, req, body) => {
  const transactionalId = body.transactionalId as string | null;
  const fail = (errorCode: number): Record<string, unknown> => ({ throttleTimeMs: 0, errorCode, producerId: -1, producerEpoch: -1 });
  if (transactionalId !== null) {
    if (!broker.authorizer.authorize(req.session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, transactionalId)) {
      return fail(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    }
  } else if (
    !broker.authorizer.authorizeCluster(req.session, AclOperation.IDEMPOTENT_WRITE) &&
    !broker.authorizer.anyTopicAllows(req.session, AclOperation.WRITE)
  ) {
    return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
  }
  return { throttleTimeMs: 0, errorCode: 0, producerId: broker.nextProducerId(), producerEpoch: 0 };
};
