import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { scramCredential, scramMechanisms, type ScramCredential, type ScramMechanism } from './scram.ts';

/** The SASL mechanisms a broker with users serves, in the order SaslHandshake lists them. */
export const saslMechanisms = ['PLAIN', ...scramMechanisms] as const;

interface UserEntry {
  /** A keyed digest of the password, for PLAIN and to tell whether a new password differs. */
  readonly plain: Buffer;
  readonly scram: Readonly<Record<ScramMechanism, ScramCredential>>;
}

/**
 * The broker's SASL users. Each password is kept only as a keyed digest (to check PLAIN) and as a
 * salted SCRAM-SHA-256 and SCRAM-SHA-512 credential, derived when the user is set.
 */
export class SaslUsers {
  private readonly users = new Map<string, UserEntry>();
  private readonly key = randomBytes(32);

  constructor(users: Readonly<Record<string, string>> = {}) {
    for (const [name, password] of Object.entries(users)) this.set(name, password);
  }

  /** How many users there are; none means the broker runs without SASL. */
  get size(): number {
    return this.users.size;
  }

  /** Adds a user or changes its password (a password it already has derives nothing again). */
  set(name: string, password: string): void {
    const plain = this.digest(password);
    const known = this.users.get(name);
    if (known && timingSafeEqual(known.plain, plain)) return;
    this.users.set(name, {
      plain,
      scram: {
        'SCRAM-SHA-256': scramCredential('SCRAM-SHA-256', password),
        'SCRAM-SHA-512': scramCredential('SCRAM-SHA-512', password),
      },
    });
  }

  /** True when `password` is `name`'s (compared in constant time). */
  checkPlain(name: string, password: string): boolean {
    const known = this.users.get(name);
    // An unknown user costs the same digest and compare as a known one.
    const given = this.digest(password);
    return timingSafeEqual(known?.plain ?? this.digest(`\u0000unknown\u0000${name}`), given) && known !== undefined;
  }

  /** The user's credential for a SCRAM mechanism, if the user exists. */
  scramCredential(mechanism: ScramMechanism, name: string): ScramCredential | undefined {
    return this.users.get(name)?.scram[mechanism];
  }

  private digest(password: string): Buffer {
    return createHmac('sha256', this.key).update(password, 'utf8').digest();
  }
}
