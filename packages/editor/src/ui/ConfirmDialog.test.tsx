import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { ConfirmDialog } from './ConfirmDialog.tsx';

afterEach(() => {
  cleanup();
  document.querySelector('.confirm-shadow-host')?.remove();
});

/** A button that opens the dialog, as the plugin renders it: inside a shadow root. */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open ? (
        <ConfirmDialog title="Disable orders?" confirmLabel="Disable" onConfirm={() => setOpen(false)} onCancel={() => setOpen(false)}>
          Afterwards the algorithm no longer has access.
        </ConfirmDialog>
      ) : null}
      <button type="button">After the dialog</button>
    </>
  );
}

async function renderInShadowRoot(): Promise<ShadowRoot> {
  const host = document.createElement('div');
  host.className = 'confirm-shadow-host';
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  await render(<Opener />, { container });
  return shadow;
}

const button = (shadow: ShadowRoot, name: string) => {
  const found = [...shadow.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
};
const focused = (shadow: ShadowRoot) => shadow.activeElement?.textContent ?? null;

describe('ConfirmDialog inside a shadow root', () => {
  it('is a native modal dialog: in the top layer, the page behind it inert', async () => {
    const shadow = await renderInShadowRoot();
    await userEvent.click(button(shadow, 'Open'));
    const dialog = shadow.querySelector('[role="dialog"], dialog');
    expect(dialog?.matches(':modal')).toBe(true);
    // A button of the page behind cannot take focus while the dialog is open.
    button(shadow, 'After the dialog').focus();
    expect(focused(shadow)).toBe('Cancel');
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const shadow = await renderInShadowRoot();
    await userEvent.click(button(shadow, 'Open'));
    await expect.poll(() => focused(shadow)).toBe('Cancel');
    await userEvent.keyboard('{Tab}');
    expect(focused(shadow)).toBe('Disable');
    await userEvent.keyboard('{Tab}');
    expect(focused(shadow)).toBe('Cancel');
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(focused(shadow)).toBe('Disable');
  });

  it('returns focus to the button that opened it on Escape', async () => {
    const shadow = await renderInShadowRoot();
    await userEvent.click(button(shadow, 'Open'));
    await expect.poll(() => focused(shadow)).toBe('Cancel');
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => shadow.querySelector('[role="dialog"]')).toBeNull();
    expect(focused(shadow)).toBe('Open');
  });
});
