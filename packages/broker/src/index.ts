/**
 * @event-flows/broker — an embedded single-node broker speaking the Kafka wire protocol, so that
 * real clients (kafkajs, librdkafka) can be used against it in development and tests.
 */
export { lockDirectory } from './log/dirLock.ts';
export { startBroker } from './server/startBroker.ts';
export type { BrokerOptions, RunningBroker } from './server/startBroker.ts';
