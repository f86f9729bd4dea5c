import { useId, useState, type FormEvent } from 'react';

/** Sign-in by bearer token, for the standalone pages (an embedding host passes `getToken` instead). */
export function SignIn({ onSignIn }: { onSignIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <form className="efs-app__signin efs-app__card" onSubmit={submit} aria-label="Sign in">
      <h1>Event Flows Studio</h1>
      <label htmlFor={id}>Bearer token</label>
      <input id={id} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
      <button type="submit" disabled={!token.trim()}>
        Sign in
      </button>
    </form>
  );
}
