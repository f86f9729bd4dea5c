import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import tokensCss from '../../packages/editor/src/tokens.css?raw';

/** The colour tokens of tokens.css (its first, light block names them all), grouped by its comments. */
function colourTokens(): { group: string; names: string[] }[] {
  const light = tokensCss.slice(tokensCss.indexOf('{') + 1, tokensCss.indexOf('}'));
  const groups: { group: string; names: string[] }[] = [];
  for (const line of light.split('\n')) {
    const heading = /\/\*\s*(.+?)\s*\*\//.exec(line);
    if (heading?.[1]) groups.push({ group: heading[1], names: [] });
    const token = /(--efs-[\w-]+):\s*#/.exec(line);
    if (token?.[1]) groups.at(-1)?.names.push(token[1]);
  }
  return groups.filter((g) => g.names.length > 0);
}

function Colours() {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {colourTokens().map(({ group, names }) => (
        <section key={group} aria-label={group}>
          <h2 style={{ margin: '0 0 6px', fontSize: 'var(--efs-text-md)' }}>{group}</h2>
          <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: 0, padding: 0, listStyle: 'none' }}>
            {names.map((name) => (
              <li key={name} style={{ display: 'flex', alignItems: 'center', gap: 6, width: 220, fontSize: 'var(--efs-text-xs)' }}>
                <span data-swatch={name} style={{ width: 28, height: 20, borderRadius: 'var(--efs-radius-sm)', border: '1px solid var(--efs-border)', background: `var(${name})` }} />
                <code>{name.replace('--efs-', '')}</code>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

const meta = {
  title: 'Foundations/Colours',
  component: Colours,
  parameters: { padded: true },
} satisfies Meta<typeof Colours>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every colour role of the tokens, by group (surfaces, accent, kinds, states, diff marks), in the toolbar's theme. */
export const Roles: Story = {
  play: async ({ canvasElement }) => {
    const swatches = [...canvasElement.querySelectorAll<HTMLElement>('[data-swatch]')];
    await expect(swatches.length).toBeGreaterThan(30);
    // Each token resolves to a colour in this theme (a missing one would leave the swatch transparent).
    const unresolved = swatches.filter((s) => getComputedStyle(s).backgroundColor === 'rgba(0, 0, 0, 0)').map((s) => s.dataset.swatch);
    await expect(unresolved).toEqual([]);
    await expect(within(canvasElement).getByRole('region', { name: 'Kinds' })).toHaveTextContent('dlq');
  },
};
