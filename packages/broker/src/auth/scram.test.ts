import { describe, expect, it } from 'vitest';
import { ScramExchange, ScramFailure, scramCredential } from './scram.ts';

// RFC 7677 §3: user "user", password "pencil".
const rfc = {
  salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

function rfcExchange(users: Record<string, string> = { user: 'pencil' }): ScramExchange {
  return new ScramExchange(
    'SCRAM-SHA-256',
    (name) => (users[name] === undefined ? undefined : scramCredential('SCRAM-SHA-256', users[name], 4096, rfc.salt)),
    () => rfc.serverNonce,
  );
}

const say = (exchange: ScramExchange, message: string): string => exchange.respond(Buffer.from(message)).toString();

describe('a SCRAM-SHA-256 exchange', () => {
  it("answers RFC 7677's example exactly and signs the user in", () => {
    const exchange = rfcExchange();
    expect(say(exchange, rfc.clientFirst)).toBe(rfc.serverFirst);
    expect(exchange.complete).toBe(false);
    expect(say(exchange, rfc.clientFinal)).toBe(rfc.serverFinal);
    expect(exchange.complete).toBe(true);
    expect(exchange.user).toBe('user');
    expect(() => say(exchange, rfc.clientFinal)).toThrow(ScramFailure);
  });

  it('refuses a wrong password at the proof', () => {
    const exchange = rfcExchange({ user: 'not pencil' });
    say(exchange, rfc.clientFirst);
    expect(() => say(exchange, rfc.clientFinal)).toThrow(/invalid credentials/);
    expect(exchange.complete).toBe(false);
  });

  it('answers an unknown user as a known one, and refuses it at the proof', () => {
    const exchange = rfcExchange({});
    expect(say(exchange, rfc.clientFirst)).toMatch(/^r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj\)hNlF\$k0,s=[A-Za-z0-9+/=]+,i=4096$/);
    expect(() => say(exchange, rfc.clientFinal)).toThrow(/invalid credentials/);
  });

  it('refuses a final message with another nonce or channel binding', () => {
    const otherNonce = rfcExchange();
    say(otherNonce, rfc.clientFirst);
    expect(() => say(otherNonce, rfc.clientFinal.replace('k0,p=', 'k1,p='))).toThrow(/nonce/);
    const otherBinding = rfcExchange();
    say(otherBinding, rfc.clientFirst);
    expect(() => say(otherBinding, rfc.clientFinal.replace('c=biws', 'c=eSws'))).toThrow(/channel binding/);
  });

  it('refuses malformed first messages with a reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['p=tls-unique,,n=user,r=abc', /channel binding is not supported/],
      ['n,a=admin,n=user,r=abc', /authorization id differs/],
      ['n,,n=us=er,r=abc', /user name encoding/],
      ['n,,r=abc,n=user', /malformed client-first-message/],
      ['n,,n=user,r=abc,m=ext', /mandatory extensions/],
      ['n,,n=user,r=abc,tokenauth=true', /delegation tokens/],
      ['hello', /malformed client-first-message/],
    ];
    for (const [message, reason] of cases) expect(() => say(rfcExchange(), message)).toThrow(reason);
  });

  it('decodes escaped user names', () => {
    const exchange = rfcExchange({ 'a,b=c': 'pencil' });
    expect(say(exchange, 'n,,n=a=2Cb=3Dc,r=abc')).toContain('r=abc');
  });
});
