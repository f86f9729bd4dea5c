import { readFileSync } from 'node:fs';

/**
 * Established TCP connections of this process's clients to `port` on this machine (read from Linux's
 * /proc/net/tcp): how a test sees a Kafka client open or close its connections to the test broker.
 */
export function connectionsTo(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2]?.endsWith(`:${hexPort}`) && fields[3] === '01').length;
}
