import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { noticeMs, useNotice } from './useNotice.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A page with one piece of state (a revision) and a notice about it. */
function Page() {
  const [revision, setRevision] = useState(1);
  const notice = useNotice(revision);
  return (
    <div>
      <button type="button" onClick={() => notice.show(`Saved revision ${revision}.`, revision)}>
        Save
      </button>
      <button type="button" onClick={() => notice.show('Save failed: Connection refused.', revision, 'error')}>
        Fail
      </button>
      <button type="button" onClick={() => setRevision((r) => r + 1)}>
        Edit
      </button>
      <p data-testid="notice" data-tone={notice.tone ?? ''}>
        {notice.text}
      </p>
    </div>
  );
}

describe('useNotice', () => {
  it('drops a notice as soon as the state it describes changes', async () => {
    const screen = await render(<Page />);
    await screen.getByRole('button', { name: 'Save' }).click();
    await expect.element(screen.getByTestId('notice')).toHaveTextContent('Saved revision 1.');
    await screen.getByRole('button', { name: 'Edit' }).click();
    await expect.element(screen.getByTestId('notice')).toHaveTextContent('');
  });

  it('drops a success after a few seconds, and keeps an error until the state changes', async () => {
    vi.useFakeTimers();
    const screen = await render(<Page />);
    await screen.getByRole('button', { name: 'Save' }).click();
    await expect.element(screen.getByTestId('notice')).toHaveTextContent('Saved revision 1.');
    await vi.advanceTimersByTimeAsync(noticeMs + 1);
    await expect.element(screen.getByTestId('notice')).toHaveTextContent('');

    await screen.getByRole('button', { name: 'Fail' }).click();
    await vi.advanceTimersByTimeAsync(noticeMs * 3);
    await expect.element(screen.getByTestId('notice')).toHaveTextContent('Save failed: Connection refused.');
    await screen.getByRole('button', { name: 'Edit' }).click();
    await expect.element(screen.getByTestId('notice')).toHaveTextContent('');
  });
});
