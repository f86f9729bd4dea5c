/**
 * The theme switch in Chromium: the choice is kept in localStorage for the next visit, and a theme the host sets wins (no switch is offered then).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import type { StudioTheme } from './studioOptions.ts';
import { ThemeSwitch } from './ThemeSwitch.tsx';
import { themeStorageKey, useThemeChoice } from './useThemeChoice.ts';

afterEach(() => {
  cleanup();
  localStorage.removeItem(themeStorageKey);
});

function Studio({ hostTheme }: { hostTheme?: StudioTheme }) {
  const { theme, choice, choose } = useThemeChoice(hostTheme);
  return (
    <div data-testid="studio" data-theme={theme}>
      {choice ? <ThemeSwitch choice={choice} onChoose={choose} /> : <p>The host sets the theme.</p>}
    </div>
  );
}

describe('ThemeSwitch', () => {
  it('keeps a chosen theme for the browser, and "system" forgets it', async () => {
    const screen = await render(<Studio />);
    await expect.element(screen.getByLabelText('Theme')).toHaveValue('system');
    await screen.getByLabelText('Theme').selectOptions('dark');
    await expect.element(screen.getByTestId('studio')).toHaveAttribute('data-theme', 'dark');
    expect(localStorage.getItem(themeStorageKey)).toBe('dark');
    // A new studio (the next visit) reads the kept choice.
    await screen.rerender(<Studio key="next visit" />);
    await expect.element(screen.getByLabelText('Theme')).toHaveValue('dark');
    await expect.element(screen.getByTestId('studio')).toHaveAttribute('data-theme', 'dark');
    await screen.getByLabelText('Theme').selectOptions('system');
    expect(localStorage.getItem(themeStorageKey)).toBeNull();
  });

  it('shows the theme the host set, and no switch', async () => {
    localStorage.setItem(themeStorageKey, 'light');
    const screen = await render(<Studio hostTheme="dark" />);
    await expect.element(screen.getByTestId('studio')).toHaveAttribute('data-theme', 'dark');
    expect(screen.getByLabelText('Theme').elements()).toHaveLength(0);
  });
});
