/**
 * @event-flows/model — the pure core of Event Flows Studio: what a flow is, when it is valid, what it
 * compiles to and what applying it would change. No React, no DOM, no Node APIs, no I/O.
 */
export { apiLimits, limits, memberTopicLimits, memberReplicationFactor } from './limits.ts';
export { Id, Name, TopicName, AlgorithmRef, Version } from './names.ts';
export { isLegalTopicName, isAlgorithmRef, parseAlgorithmRef, versionForm, compareSemver, wildcardMatches, topicNameProblem, type VersionForm } from './nameRules.ts';
export {
  Position,
  RetryPolicy,
  BackoffKind,
  Ordering,
  AlgorithmNode,
  TopicCreate,
  TopicConfigKey,
  TopicNode,
  FlowNode,
  EdgeKind,
  FlowEdge,
  Viewport,
  FlowGraph,
  flowGraphSchema,
  type NodeKind,
} from './graph.ts';
export {
  consumerGroupTimings,
  retryDefaults,
  resolveRetryPolicy,
  backoffAfter,
  waitAfter,
  worstCaseRetryMs,
  durationWords,
  retrySummary,
  retryPolicyProblems,
  retryRebalanceRisk,
  type ResolvedRetryPolicy,
  type RetryFieldProblem,
} from './retryPolicy.ts';
export { FlowGroup, FlowGroups, groupCorner } from './flowGroups.ts';
export { handles, emptyGraph } from './handles.ts';
export {
  kafkaTopicDefaults,
  retentionConfig,
  newTopicSettings,
  memberLimitsOn,
  mostOnCreate,
  fewestOnCreate,
  guardrailSentences,
  clusterDefaultCreate,
  memberTopicFindings,
  memberTopicProblems,
  topicNameFinding,
  topicNameRuleSentence,
  describeRule,
  type NewTopicOptions,
  type TopicFinding,
} from './topicCreation.ts';
export { Guardrails, TopicNameRule, topicNamePatternProblem, matchesTopicNameRule } from './guardrails.ts';
export { Flow } from './flow.ts';
export {
  BootstrapServer,
  ConnectionAuth,
  ConnectionInput,
  saslMechanisms,
  sameServers,
  passwordDestinationChanges,
  type PasswordDestination,
} from './connectionSettings.ts';
export {
  Access,
  TopicRef,
  Grant,
  CatalogVersion,
  defaultVersion,
  CatalogAlgorithm,
  CatalogTopic,
  CatalogConnection,
  TopicDefaults,
  TopicConfigRule,
  MemberTopicLimits,
  PlannedTopic,
  Direction,
  BindingClaim,
  Org,
  Catalog,
  Role,
  Actor,
} from './catalog.ts';
export {
  DesiredTopic,
  SubscribeBinding,
  PublishBinding,
  Binding,
  Acl,
  Desired,
  Actual,
  emptyActual,
  ListenerRef,
  ListenerOrigin,
  ActualGroup,
  type ActualTopic,
} from './desired.ts';
export { defaultNaming, principalFor, userNameFor, consumerGroupFor, runtimeClientId, type NamingOptions } from './naming.ts';
export { diagnosticCodes, hasErrors, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics.ts';
export { edgeKindFor } from './graphIndex.ts';
export { identityKey, topicKey, grantKey, bindingKey, aclKey, canonicalJson } from './keys.ts';
export { subscriptionWithDlq, ownDlqProblem, type DlqHolder } from './ownDlq.ts';
export type { DlqGroup } from './dlqGroup.ts';
export { canReadOrg, canChangeOrg, orgAccessRefusal, testMessageRefusal } from './orgAccess.ts';
export { validate } from './validate/validate.ts';
export { validateGraph, type ValidateOptions } from './validate/validateGraph.ts';
export { canConnect, type ConnectCheck, type ProposedConnection } from './canConnect.ts';
export { compile, bindingDefaults, grantsNeeded, type CompileOptions } from './compile.ts';
export { aclsFor } from './acls.ts';
export { grantsFor, topicsOf } from './bindingNeeds.ts';
export { PlanAction, Plan, Drift, FieldChange, TopicUse, PutBack, PutBackChoices, actionOrder, type PlanActionKind } from './plan/planSchema.ts';
export { driftFields, driftRemedy, type DriftField } from './plan/driftFields.ts';
export { putBackOf, samePutBack } from './plan/topicDrift.ts';
export { absentValue } from './plan/fieldValues.ts';
export { takeLiveValue } from './plan/takeLiveValue.ts';
export { actionTopic, topicUses, type ConsumerGroupUse } from './plan/topicUses.ts';
export { plan, isEmptyPlan, blockedGrants, type PlanOptions } from './plan/plan.ts';
export { describeAction, describeDrift, summarize, type ConnectionNameOf } from './plan/describe.ts';
export { applyPlan } from './plan/applyPlan.ts';
export { actionChanges, compactPlan } from './plan/compactPlan.ts';
export { FlowDocument, flowDocumentFormat, documentSyntax, exportFlow, importFlow, notParsed, parseFlowText, readFlowDocument, yamlParseOptions, type ImportResult, type ParsedText } from './io.ts';
export {
  demoOrg,
  demoMember,
  demoAdmin,
  demoCatalog,
  pipelineGraph,
  earlierPipelineGraph,
  classifyOrdersBinding,
  runningBindingStatus,
  seededRandom,
  generateFlow,
  generateCyclicFlow,
  generatedFlowOf,
  type GeneratedFlow,
} from './fixtures.ts';
export { diffGraphs, diffMarks, isEmptyDiff, type DiffMark, type DiffMarks, type GraphChange, type GraphDiff } from './graphDiff.ts';
export type { EventsTabRow, BindingTarget, BindingChange } from './eventsTab.ts';
export { dlqChoices } from './eventsTab.ts';
export type { BindingState, BindingError, BindingStatus, BindingRetrying } from './status.ts';
export { mergeStatuses, runsWithFailures, retryingWords } from './status.ts';
export { emptyHistory, appendSample, lagTrend, totalLag, type BindingHistory, type HistorySeries, type LagTrend } from './statusHistory.ts';
export { countOf, pluralOf, verbFor, sizeOf, utf8Bytes, formatTime } from './words.ts';
export {
  discoverLimits,
  DiscoverKind,
  DiscoverStatus,
  DiscoverInput,
  LeftAloneKind,
  LeaveAloneRequest,
  type LeftAlone,
  type LeftAloneMark,
  defaultValue,
  type ScannedTopic,
  type ScannedOffset,
  type ScannedGroup,
  type ClusterScan,
  type DeployedFlow,
  type UndeployedFlow,
  type ManagingFlow,
  type FieldDrift,
  type DiscoveredTopic,
  type DiscoveredAcl,
  type DiscoveredPrincipal,
  type DiscoveredGroup,
  type Discovery,
  type DiscoverPage,
} from './discover.ts';
export { classifyScan } from './classifyScan.ts';
export { visibleTo, discoverPage } from './discoverView.ts';
export {
  AdoptListenersRequest,
  listenersIntoGraph,
  connectionForListener,
  listenerName,
  type PlatformListener,
  type ListenerConnection,
  type ListenerAdoption,
} from './platformListeners.ts';
export { AdoptRequest, adoptLimit, adoptIntoGraph, algorithmForPrincipal, type AdoptInput, type Adoption, type LeftOut } from './adopt.ts';
export {
  AlertBinding,
  AlertCondition,
  AlertRuleInput,
  breach,
  describeCondition,
  holdMinutes,
  lookBackMs,
  quietAlert,
  sampleOf,
  stepAlert,
  type AlertSample,
  type AlertState,
  type Breach,
} from './alerts.ts';
export {
  FollowRequest,
  durationText,
  followLimits,
  messagePathOnGraph,
  type CallOutcome,
  type MessagePath,
  type PathCall,
  type PathDeadLetter,
  type PathOnGraph,
  type PathRecord,
} from './follow.ts';
