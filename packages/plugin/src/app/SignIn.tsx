import { Button, Field } from '@event-flows/editor';
import { useState, type FormEvent } from 'react';

/**
 * Sign-in by bearer token, for the standalone pages (an embedding host passes `getToken` instead);
 * `refusal` says why the person is back here, when the server refused their token: the token field's
 * error, said aloud as it appears, until the person types another token.
 */
export function SignIn({ onSignIn, refusal }: { onSignIn: (token: string) => void; refusal: string | null }) {
  const [token, setToken] = useState('');
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
      <Field label="Bearer token" error={shown} announce>
        <input
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            setEdited(true);
          }}
        />
      </Field>
      <Button type="submit" variant="primary" disabled={!token.trim()}>
        Sign in
      </Button>
    </form>
  );
}
