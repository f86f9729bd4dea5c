/**
 * @event-flows/broker — an embedded single-node broker speaking the Kafka wire protocol, so that
 * real clients (kafkajs, librdkafka) can be used against it in development and tests.
 */
export { startBroker } from './server/startBroker.ts';
export type { BrokerOptions, RunningBroker } from './server/startBroker.ts';
