import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { problemBeside } from '../admin/formTesting.ts';
import { SignIn } from './SignIn.tsx';
import './studio.css';

afterEach(() => cleanup());

const refusal = 'The server did not accept that token; check it and sign in again.';

describe('SignIn', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`says a refused token as the token field's error, announced (${theme} theme)`, async () => {
      await render(
        <div className="efs-app" data-theme={theme}>
          <SignIn refusal={refusal} onSignIn={() => undefined} />
        </div>,
      );
      // Said aloud as it appears, and said again as the field's error when the field takes focus.
      await expect.element(page.getByRole('alert')).toHaveTextContent(refusal);
      expect(await problemBeside(page.getByLabelText('Bearer token'))).toBe(refusal);
      await expect.element(page.getByRole('button', { name: /Sign in/ })).toBeDisabled();
    });
  }

  it('takes the refusal away once another token is typed', async () => {
    await render(
      <div className="efs-app" data-theme="light">
        <SignIn refusal={refusal} onSignIn={() => undefined} />
      </div>,
    );
    await expect.element(page.getByRole('alert')).toBeVisible();
    await userEvent.type(page.getByLabelText('Bearer token'), 'x');
    expect(page.getByRole('alert').query()).toBeNull();
    expect(page.getByLabelText('Bearer token').element().getAttribute('aria-invalid')).toBeNull();
  });
});
