import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** The SCRAM mechanisms the broker serves (RFC 5802 with RFC 7677's SHA-256, and SHA-512 as Kafka adds). */
export const scramMechanisms = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type ScramMechanism = (typeof scramMechanisms)[number];

const hashOf: Record<ScramMechanism, 'sha256' | 'sha512'> = { 'SCRAM-SHA-256': 'sha256', 'SCRAM-SHA-512': 'sha512' };

/** Iterations of a derived credential: Kafka's default and RFC 7677's minimum. */
export const scramIterations = 4096;

/** What the broker keeps of a password for one SCRAM mechanism (RFC 5802 §3): never the password itself. */
export interface ScramCredential {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const hmac = (hash: string, key: Buffer, data: string | Buffer): Buffer => createHmac(hash, key).update(data).digest();

/** Derives a SCRAM credential for `password`, with a fresh random salt unless one is given. */
export function scramCredential(mechanism: ScramMechanism, password: string, iterations = scramIterations, salt: Buffer = randomBytes(32)): ScramCredential {
  const hash = hashOf[mechanism];
  const salted = pbkdf2Sync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, iterations, createHash(hash).digest().length, hash);
  return {
    salt,
    iterations,
    storedKey: createHash(hash).update(hmac(hash, salted, 'Client Key')).digest(),
    serverKey: hmac(hash, salted, 'Server Key'),
  };
}

/** A failed exchange: the reason goes to the broker's log, the client only learns that it failed. */
export class ScramFailure extends Error {}

/** `saslname` of RFC 5802: `=2C` is a comma, `=3D` an equals sign; any other `=` is malformed. */
function decodeSaslName(text: string): string {
  if (/=(?!2C|3D)/.test(text)) throw new ScramFailure('invalid user name encoding');
  return text.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** The `name=value` attributes of a SCRAM message, in order (Kafka's extensions have longer names). */
function attributes(message: string): Array<[string, string]> {
  return message.split(',').map((part) => {
    const equals = part.indexOf('=');
    if (equals < 1) throw new ScramFailure(`malformed attribute "${part.slice(0, 20)}"`);
    return [part.slice(0, equals), part.slice(equals + 1)];
  });
}

/**
 * The server side of one SCRAM exchange (RFC 5802 §5): the client's first message, the server's
 * challenge, the client's proof, the server's signature. Without channel binding, as Kafka. A user
 * without a credential goes through the same steps with a made-up one, so the answer does not tell
 * whether the user exists; the proof then fails.
 */
export class ScramExchange {
  private state: 'first' | 'final' | 'done' = 'first';
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';
  private credential: ScramCredential | undefined;
  /** The authenticated user name, once the exchange has succeeded. */
  user: string | undefined;
  private claimedUser = '';

  /** `serverNonce` makes the server's part of the nonce (random by default; tests give RFC examples'). */
  constructor(
    readonly mechanism: ScramMechanism,
    private readonly lookup: (user: string) => ScramCredential | undefined,
    private readonly serverNonce: () => string = () => randomBytes(24).toString('base64url'),
  ) {}

  /** Answers the client's next message; throws {@link ScramFailure} when the exchange fails. */
  respond(message: Buffer): Buffer {
    const text = message.toString('utf8');
    if (this.state === 'first') return Buffer.from(this.onClientFirst(text), 'utf8');
    if (this.state === 'final') return Buffer.from(this.onClientFinal(text), 'utf8');
    throw new ScramFailure('the exchange is already complete');
  }

  /** Whether the exchange has completed successfully. */
  get complete(): boolean {
    return this.state === 'done' && this.user !== undefined;
  }

  private onClientFirst(text: string): string {
    // gs2-header: a channel-binding flag, an optional authzid, then the bare message.
    const match = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(text);
    if (!match) throw new ScramFailure(text.startsWith('p=') ? 'channel binding is not supported' : 'malformed client-first-message');
    const [, , authzid, bare] = match as unknown as [string, string, string | undefined, string];
    const attrs = attributes(bare);
    const [userAttr, nonceAttr] = attrs;
    if (userAttr?.[0] !== 'n' || nonceAttr?.[0] !== 'r' || nonceAttr[1].length === 0) throw new ScramFailure('malformed client-first-message');
    if (attrs.slice(2).some(([name]) => name === 'm')) throw new ScramFailure('mandatory extensions are not supported');
    // Kafka's delegation-token extension is not served: such a token is not a password of a user here.
    if (attrs.slice(2).some(([name]) => name === 'tokenauth')) throw new ScramFailure('delegation tokens are not supported');
    const user = decodeSaslName(userAttr[1]);
    if (authzid !== undefined && decodeSaslName(authzid.slice(2)) !== user) throw new ScramFailure('authorization id differs from the user name');
    this.claimedUser = user;
    this.credential = this.lookup(user) ?? madeUpCredential(this.mechanism, user);
    this.gs2Header = text.slice(0, text.length - bare.length);
    this.clientFirstBare = bare;
    this.nonce = nonceAttr[1] + this.serverNonce();
    this.serverFirst = `r=${this.nonce},s=${this.credential.salt.toString('base64')},i=${this.credential.iterations}`;
    this.state = 'final';
    return this.serverFirst;
  }

  private onClientFinal(text: string): string {
    this.state = 'done';
    const proofAt = text.lastIndexOf(',p=');
    if (proofAt < 0) throw new ScramFailure('client-final-message without a proof');
    const withoutProof = text.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    const channel = attrs.find(([name]) => name === 'c')?.[1];
    const nonce = attrs.find(([name]) => name === 'r')?.[1];
    if (channel !== Buffer.from(this.gs2Header, 'utf8').toString('base64')) throw new ScramFailure('channel binding data differs from the gs2 header');
    // Kafka accepts a nonce that ends with the server's: librdkafka 2.x sends its own nonce again in
    // front of it. The proof covers the message as sent either way.
    if (nonce === undefined || !nonce.endsWith(this.nonce)) throw new ScramFailure('nonce differs from the server nonce');
    const credential = this.credential as ScramCredential;
    const hash = hashOf[this.mechanism];
    const proof = Buffer.from(text.slice(proofAt + 3), 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(hash, credential.storedKey, authMessage);
    if (proof.length !== clientSignature.length) throw new ScramFailure('invalid credentials');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = (proof[i] as number) ^ (clientSignature[i] as number);
    if (!timingSafeEqual(createHash(hash).update(clientKey).digest(), credential.storedKey)) throw new ScramFailure('invalid credentials');
    this.user = this.claimedUser;
    return `v=${hmac(hash, credential.serverKey, authMessage).toString('base64')}`;
  }
}

/** Per-process key for made-up credentials: an unknown user gets the same salt on every attempt. */
const madeUpKey = randomBytes(32);

/** A credential no password matches, with a salt that stays the same for `user`. */
function madeUpCredential(mechanism: ScramMechanism, user: string): ScramCredential {
  const hash = hashOf[mechanism];
  return {
    salt: hmac('sha256', madeUpKey, `${mechanism}\u0000${user}`),
    iterations: scramIterations,
    storedKey: randomBytes(createHash(hash).digest().length),
    serverKey: randomBytes(createHash(hash).digest().length),
  };
}
