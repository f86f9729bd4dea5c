import { setMaxListeners } from 'node:events';
import type { Socket } from 'node:net';
import { ApiKey } from '../codec/apiTable.ts';
import type { Message, MessageCodec } from '../codec/compile.ts';
import { FrameReader, MalformedFrameError } from '../codec/reader.ts';
import { FrameWriter } from '../codec/writer.ts';
import { handlers } from '../handlers/router.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { BrokerContext, RequestContext, Session } from './brokerContext.ts';
import type { RequestMemory } from './requestMemory.ts';

interface Slot {
  parts: Buffer[] | undefined;
  closeAfter: boolean;
}

const preAuthApis = new Set<number>([ApiKey.ApiVersions, ApiKey.SaslHandshake, ApiKey.SaslAuthenticate]);
/** Smallest possible request: api key, version, correlation id, client id length. */
const minFrameBytes = 10;

/** What one connection may take from the broker, from the broker options. */
export interface ConnectionLimits {
  readonly maxFrameBytes: number;
  /** Largest frame before SASL authentication completes (Kafka's `sasl.server.max.receive.size`). */
  readonly maxFrameBytesBeforeAuth: number;
  /** Requests read but not yet answered on the socket; at this many, reading pauses. */
  readonly maxInFlightRequests: number;
  /** Response bytes waiting for the client to read them; over this, reading pauses until they drain. */
  readonly maxQueuedResponseBytes: number;
  /** Closes a connection without traffic for this long, unless it awaits an answer (0: never). */
  readonly idleTimeoutMs: number;
  /** Closes a connection that has not completed SASL authentication this long after connecting (0: never). */
  readonly authenticationTimeoutMs: number;
}

/** The client's address without the IPv4-mapped prefix, as ACLs and per-host limits see it. */
export function peerHost(socket: Socket): string {
  return socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown';
}

/**
 * One client connection: splits the byte stream into frames, decodes and dispatches requests,
 * and writes responses in request order. Malformed or oversized input closes only this
 * connection, with one log line. Like Kafka muting a channel, the socket is paused while its next
 * frame's size cannot be reserved in the broker's request memory, while `maxInFlightRequests` wait
 * for their responses, or while more than `maxQueuedResponseBytes` wait for the client to read them.
 */
export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly queue: Slot[] = [];
  private closed = false;
  /** Bytes reserved in the request memory for the frame being received (0: none yet). */
  private reserved = 0;
  private waitingForMemory = false;
  private paused = false;
  private reading = false;
  private readonly closing = new AbortController();
  private authDeadline: NodeJS.Timeout | undefined;
  readonly session: Session;
  private readonly peer: string;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerContext,
    private readonly limits: ConnectionLimits,
    private readonly memory: RequestMemory,
  ) {
    const host = peerHost(socket);
    this.peer = `${host}:${socket.remotePort ?? 0}`;
    this.session = { principal: 'User:ANONYMOUS', host, authenticated: broker.saslUsers.size === 0, saslMechanism: null };
    socket.setNoDelay(true);
    // Each request in flight (a long poll) may listen for the close.
    setMaxListeners(limits.maxInFlightRequests, this.closing.signal);
    socket.on('data', (data: Buffer) => this.onData(data));
    socket.on('drain', () => this.readFrames());
    socket.on('error', () => this.shutdown());
    socket.on('close', () => this.shutdown());
    if (limits.idleTimeoutMs > 0) {
      socket.setTimeout(limits.idleTimeoutMs);
      socket.on('timeout', () => this.onIdle());
    }
    if (!this.session.authenticated && limits.authenticationTimeoutMs > 0) {
      this.authDeadline = setTimeout(
        () => this.reject(`not authenticated within ${limits.authenticationTimeoutMs} ms`),
        limits.authenticationTimeoutMs,
      );
    }
  }

  private onIdle(): void {
    // Waiting for its own answers (a long poll, a group join) is not idleness; the answer's write
    // restarts the socket's timer.
    if (this.queue.length > 0) return;
    this.reject(`idle for ${this.limits.idleTimeoutMs} ms`);
  }

  /** Gives back what this connection holds; safe to call more than once. */
  private shutdown(): void {
    this.closed = true;
    this.closing.abort();
    clearTimeout(this.authDeadline);
    this.chunks = [];
    this.buffered = 0;
    if (this.waitingForMemory) this.memory.cancel(this.granted);
    else if (this.reserved > 0) this.memory.release(this.reserved);
    this.waitingForMemory = false;
    this.reserved = 0;
  }

  /** Drops the connection with one log line saying why. */
  reject(reason: string): void {
    if (this.closed) return;
    this.broker.log(`closing connection from ${this.peer}: ${reason}`);
    this.shutdown();
    this.socket.destroy();
  }

  private onData(data: Buffer): void {
    if (this.closed) return;
    this.chunks.push(data);
    this.buffered += data.length;
    this.readFrames();
  }

  /** Called by the request memory once this connection's reservation is granted. */
  private readonly granted = (): void => {
    this.waitingForMemory = false;
    // Later, not inside the releasing connection's stack: grants can chain across many connections.
    queueMicrotask(() => this.readFrames());
  };

  /** Handles every whole frame buffered, as far as the limits allow, then pauses or resumes reading. */
  private readFrames(): void {
    if (this.reading) return;
    this.reading = true;
    while (!this.closed && !this.mustWait() && this.buffered >= 4) {
      let head = this.chunks[0] as Buffer;
      if (head.length < 4) {
        head = Buffer.concat(this.chunks);
        this.chunks = [head];
      }
      const size = head.readInt32BE(0);
      if (size < minFrameBytes || size > this.limits.maxFrameBytes) {
        this.reject(`invalid frame size ${size} (limit ${this.limits.maxFrameBytes})`);
        break;
      }
      if (!this.session.authenticated && size > this.limits.maxFrameBytesBeforeAuth) {
        this.reject(`frame of ${size} bytes before SASL authentication (limit ${this.limits.maxFrameBytesBeforeAuth})`);
        break;
      }
      if (this.reserved === 0) {
        this.reserved = size;
        if (!this.memory.reserve(size, this.granted)) {
          this.waitingForMemory = true;
          break;
        }
      }
      if (this.buffered < size + 4) break;
      const frame = this.take(size + 4).subarray(4);
      this.handleFrame(frame);
      if (this.closed) break;
      this.memory.release(this.reserved);
      this.reserved = 0;
    }
    this.reading = false;
    if (this.closed) return;
    const wait = this.mustWait();
    if (wait !== this.paused) {
      this.paused = wait;
      if (wait) this.socket.pause();
      else this.socket.resume();
    }
  }

  /** Whether reading must stop: no memory for the next frame, or the client is not keeping up. */
  private mustWait(): boolean {
    return (
      this.waitingForMemory ||
      this.queue.length >= this.limits.maxInFlightRequests ||
      // 'drain' is only emitted after a write was refused, so only then may reading wait for it.
      (this.socket.writableNeedDrain && this.socket.writableLength > this.limits.maxQueuedResponseBytes)
    );
  }

  private take(n: number): Buffer {
    const head = this.chunks[0] as Buffer;
    let out: Buffer;
    if (head.length >= n) {
      out = head.subarray(0, n);
      if (head.length === n) this.chunks.shift();
      else this.chunks[0] = head.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }

  private handleFrame(frame: Buffer): void {
    let ctx: RequestContext | undefined;
    try {
      const r = new FrameReader(frame);
      const apiKey = r.int16();
      const apiVersion = r.int16();
      const correlationId = r.int32();
      const clientIdLength = r.int16();
      const clientId = clientIdLength < 0 ? '' : r.string(clientIdLength);
      if (apiKey === ApiKey.ApiVersions && apiVersion > (this.broker.codecs.spec(ApiKey.ApiVersions)?.max ?? 0)) {
        this.respondApiVersionsUnsupported(correlationId);
        return;
      }
      if (this.broker.apisLeftOut.has(apiKey)) {
        // As a cluster without the API: Kafka closes a connection whose request it cannot parse.
        this.reject(`API key ${apiKey} is left out on this broker (leaveOutApis)`);
        return;
      }
      const codecs = this.broker.codecs.codecs(apiKey, apiVersion);
      if (!codecs) throw new MalformedFrameError(`unsupported API key ${apiKey} version ${apiVersion}`);
      if (codecs.request.flexible) {
        const tags = r.uvarint();
        for (let i = 0; i < tags; i++) {
          r.uvarint();
          r.skip(r.uvarint());
        }
      }
      if (!this.session.authenticated && !preAuthApis.has(apiKey)) {
        throw new MalformedFrameError(`API key ${apiKey} before SASL authentication`);
      }
      const body = codecs.request.decode(r);
      const handler = handlers.get(apiKey);
      if (!handler) throw new MalformedFrameError(`no handler for API key ${apiKey}`);
      this.broker.requestCounts.set(apiKey, (this.broker.requestCounts.get(apiKey) ?? 0) + 1);
      const versionsUsed = this.broker.requestVersions.get(apiKey);
      if (versionsUsed) versionsUsed.add(apiVersion);
      else this.broker.requestVersions.set(apiKey, new Set([apiVersion]));
      const request: RequestContext = {
        apiKey,
        apiVersion,
        correlationId,
        clientId,
        session: this.session,
        closeAfterResponse: false,
        connectionClosed: this.closing.signal,
      };
      ctx = request;
      const result = handler(this.broker, request, body);
      if (this.authDeadline !== undefined && this.session.authenticated) {
        clearTimeout(this.authDeadline);
        this.authDeadline = undefined;
      }
      if (result === null) return;
      const slot: Slot = { parts: undefined, closeAfter: false };
      this.queue.push(slot);
      if (result instanceof Promise) {
        result.then(
          (message) => this.complete(slot, request, codecs.response, message),
          (error: unknown) => this.reject(`internal error in API key ${apiKey}: ${String(error)}`),
        );
      } else this.complete(slot, request, codecs.response, result);
    } catch (error) {
      if (error instanceof MalformedFrameError || error instanceof RangeError) this.reject(`malformed request: ${error.message}`);
      else this.reject(`internal error${ctx ? ` in API key ${ctx.apiKey}` : ''}: ${String(error)}`);
    }
  }

  private complete(slot: Slot, req: RequestContext, codec: MessageCodec, message: Message): void {
    if (this.closed) return;
    try {
      const w = new FrameWriter(256);
      w.int32(0);
      w.int32(req.correlationId);
      // ApiVersions responses always use header v0, even when the body is flexible.
      if (codec.flexible && req.apiKey !== ApiKey.ApiVersions) w.uvarint(0);
      codec.encode(w, message);
      const parts = w.finish();
      (parts[0] as Buffer).writeInt32BE(w.length - 4, 0);
      slot.parts = parts;
      slot.closeAfter = req.closeAfterResponse;
    } catch (error) {
      this.reject(`internal error encoding API key ${req.apiKey}: ${String(error)}`);
      return;
    }
    this.flush();
  }

  private respondApiVersionsUnsupported(correlationId: number): void {
    const codecs = this.broker.codecs.codecs(ApiKey.ApiVersions, 0);
    if (!codecs) return;
    const slot: Slot = { parts: undefined, closeAfter: false };
    this.queue.push(slot);
    const request: RequestContext = {
      apiKey: ApiKey.ApiVersions,
      apiVersion: 0,
      correlationId,
      clientId: '',
      session: this.session,
      closeAfterResponse: false,
      connectionClosed: this.closing.signal,
    };
    const spec = this.broker.codecs.spec(ApiKey.ApiVersions);
    this.complete(slot, request, codecs.response, {
      errorCode: ErrorCode.UNSUPPORTED_VERSION,
      apiKeys: [{ apiKey: ApiKey.ApiVersions, minVersion: spec?.min ?? 0, maxVersion: spec?.max ?? 3 }],
    });
  }

  private flush(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot = this.queue[0] as Slot;
      if (!slot.parts) return;
      this.queue.shift();
      if (slot.parts.length === 1) this.socket.write(slot.parts[0] as Buffer);
      else {
        this.socket.cork();
        for (const part of slot.parts) this.socket.write(part);
        this.socket.uncork();
      }
      if (slot.closeAfter) {
        this.closed = true;
        this.socket.end();
      }
    }
    // An answered request may have been what held reading back.
    if (this.paused) this.readFrames();
  }
}
