import { Button } from '@event-flows/editor';
import { useId, useState, type FormEvent } from 'react';

/**
 * Sign-in by bearer token, for the standalone pages (an embedding host passes `getToken` instead);
 * `refusal` says why the person is back here, when the server refused their token: an alert right
 * under the token field, which it describes, until the person types another token.
 */
export function SignIn({ onSignIn, refusal }: { onSignIn: (token: string) => void; refusal: string | null }) {
  const [token, setToken] = useState('');
  const id = useId();
  const alertId = useId();
  // The refusal is about the token that was sent; once the person changes the field it no longer applies.
  const [edited, setEdited] = useState(false);
  const shown = refusal && !edited ? refusal : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <form className="efs-app__signin efs-app__card" onSubmit={submit} aria-label="Sign in">
      <h1>Event Flows Studio</h1>
      <label htmlFor={id}>Bearer token</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        value={token}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? alertId : undefined}
        onChange={(e) => {
          setToken(e.target.value);
          setEdited(true);
        }}
      />
      {shown ? (
        <p id={alertId} className="efs-app__alert" role="alert">
          {shown}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={!token.trim()}>
        Sign in
      </Button>
    </form>
  );
}
