import { useId, useState, type FormEvent } from 'react';

/**
 * Sign-in by bearer token, for the standalone pages (an embedding host passes `getToken` instead);
 * `refusal` says why the person is back here, when the server refused their token.
 */
export function SignIn({ onSignIn, refusal }: { onSignIn: (token: string) => void; refusal: string | null }) {
  const [token, setToken] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <form className="efs-app__signin efs-app__card" onSubmit={submit} aria-label="Sign in">
      <h1>Event Flows Studio</h1>
      {refusal ? <p role="alert">{refusal}</p> : null}
      <label htmlFor={id}>Bearer token</label>
      <input id={id} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
      <button type="submit" disabled={!token.trim()}>
        Sign in
      </button>
    </form>
  );
}
