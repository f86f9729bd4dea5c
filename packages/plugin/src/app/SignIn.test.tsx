import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { SignIn } from './SignIn.tsx';
import './studio.css';

afterEach(() => cleanup());

const refusal = 'The server did not accept that token; check it and sign in again.';

describe('SignIn', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`says a refused token in one styled sentence right under the token field (${theme} theme)`, async () => {
      await render(
        <div className="efs-app" data-theme={theme}>
          <SignIn refusal={refusal} onSignIn={() => undefined} />
        </div>,
      );
      const alert = page.getByRole('alert');
      await expect.element(alert).toHaveTextContent(refusal);
      const field = page.getByLabelText('Bearer token').element() as HTMLInputElement;
      const box = alert.element() as HTMLElement;
      // Next to the field: the element right after it, and the field's description.
      expect(field.nextElementSibling).toBe(box);
      expect(field.getAttribute('aria-describedby')).toBe(box.id);
      expect(field.getAttribute('aria-invalid')).toBe('true');
      // Styled as an alert: a tinted box with a border, not a bare line of text.
      const style = getComputedStyle(box);
      expect(style.backgroundColor).not.toBe(getComputedStyle(box.parentElement as HTMLElement).backgroundColor);
      expect(style.borderLeftWidth).toBe('4px');
      expect(box.textContent?.match(/[.!?](\s|$)/g)).toHaveLength(1);
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
