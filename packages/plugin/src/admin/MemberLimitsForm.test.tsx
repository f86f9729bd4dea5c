import { memberTopicLimits, type MemberTopicLimits } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import '../app/studio.css';
import { MemberLimitsForm } from './MemberLimitsForm.tsx';
import { expectNoRawErrors, problemBeside } from './formTesting.ts';

afterEach(() => cleanup());

async function mount(limits: MemberTopicLimits | undefined, refuse?: string) {
  const saved: Array<MemberTopicLimits | undefined> = [];
  const onSave = async (next: MemberTopicLimits | undefined) => {
    if (refuse) throw new Error(refuse);
    saved.push(next);
  };
  await render(
    <div className="efs-app" data-theme="light">
      <MemberLimitsForm connectionName="Local Kafka" limits={limits} onSave={onSave} onClose={() => undefined} />
    </div>,
  );
  return { saved, form: page.getByRole('form', { name: 'Member topic limits on Local Kafka' }) };
}

describe('member topic limits of a connection', () => {
  it('starts from the defaults and says so; reset is for limits an admin set', async () => {
    const { form } = await mount(undefined);
    await expect.element(form.getByText('This connection uses the default limits.', { exact: false })).toBeVisible();
    await expect.element(form.getByLabelText('Most partitions')).toHaveValue(memberTopicLimits.partitions);
    await expect.element(form.getByLabelText('Config key (retention.ms)')).toHaveValue('retention.ms');
    await expect.element(form.getByLabelText('Smallest retention.ms')).toHaveValue(3_600_000);
    await expect.element(form.getByText('A whole number from 3600000 (1 hour) to 2592000000 (30 days).')).toBeVisible();
    await expect.element(form.getByRole('button', { name: 'Reset to defaults' })).toBeDisabled();
  });

  it('asks for a DLQ on every subscription with the design system’s checkbox, drawn in the accent colour', async () => {
    const { saved, form } = await mount(undefined);
    const box = form.getByRole('checkbox', { name: 'Every subscription needs a DLQ' });
    await expect.element(box).not.toBeChecked();
    // The whole sentence is the box's label: pressing the words ticks it.
    await form.getByText('Every subscription needs a DLQ').click();
    await expect.element(box).toBeChecked();
    const probe = document.createElement('span');
    probe.style.color = 'var(--efs-accent)';
    box.element().after(probe);
    expect(getComputedStyle(box.element()).accentColor).toBe(getComputedStyle(probe).color);
    probe.remove();
    await form.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(() => saved.at(-1)?.requireDlq).toBe(true);
  });

  it('refuses bad values with a sentence beside each field, and saves nothing', async () => {
    const { saved, form } = await mount(undefined);
    await form.getByLabelText('Most partitions').fill('999999');
    await form.getByLabelText('Highest replication factor', { exact: false }).fill('0');
    await form.getByLabelText('Smallest retention.ms').fill('500');
    await form.getByLabelText('Largest retention.ms').fill('100');
    await form.getByLabelText('Config key (cleanup.policy)').fill('Cleanup Policy');
    await form.getByRole('button', { name: 'Add a config key' }).click();
    await form.getByLabelText('Allowed values of new key').selectOptions('list');
    await form.getByRole('button', { name: 'Save limits' }).click();

    expect(await problemBeside(form.getByLabelText('Most partitions'))).toBe('Most partitions is a whole number from 1 to 10000.');
    expect(await problemBeside(form.getByLabelText('Highest replication factor', { exact: false }))).toBe(
      "Highest replication factor is a whole number from 1 to 32, or empty for the connection's default.",
    );
    expect(await problemBeside(form.getByLabelText('Largest retention.ms'))).toBe('Must be at least the smallest, 500.');
    // A large smallest value is grouped in thousands, and the sentence stays on one line under its field.
    await form.getByLabelText('Smallest retention.ms').fill('5000000000');
    await form.getByRole('button', { name: 'Save limits' }).click();
    const range = form.getByText('Must be at least the smallest, 5,000,000,000.');
    await expect.element(range).toBeVisible();
    expect(range.element().getBoundingClientRect().height, 'one line').toBeLessThan(2 * parseFloat(getComputedStyle(range.element()).fontSize) * 1.2);
    await form.getByLabelText('Smallest retention.ms').fill('500');
    await form.getByRole('button', { name: 'Save limits' }).click();
    // Nothing typed is lost: the refused values stay to be corrected.
    await expect.element(form.getByLabelText('Largest retention.ms')).toHaveValue(100);
    await expect.element(form.getByLabelText('Config key (Cleanup Policy)')).toHaveValue('Cleanup Policy');
    expect(await problemBeside(form.getByLabelText('Config key (Cleanup Policy)'))).toMatch(/^“Cleanup Policy” is not a topic config key/);
    expect(await problemBeside(form.getByLabelText('Config key (new key)'))).toBe('Give the config key (for example retention.ms).');
    expect(await problemBeside(form.getByLabelText('Values of new key (comma-separated)'))).toBe('List at least one value, comma-separated.');
    // The summary names how many fields are wrong, and sits where it says they are: below them, above Save.
    const summary = form.getByRole('alert');
    await expect.element(summary).toHaveTextContent('Nothing was saved: 6 fields above need correcting.');
    const following = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(following(form.getByLabelText('Values of new key (comma-separated)').element(), summary.element())).toBe(true);
    expect(following(summary.element(), form.getByRole('button', { name: 'Save limits' }).element())).toBe(true);
    // No placeholder that reads like a value already typed.
    for (const field of form.getByRole('spinbutton').elements()) expect((field as HTMLInputElement).placeholder, field.getAttribute('aria-label') ?? '').not.toMatch(/^\d/);
    expect(saved).toEqual([]);
    expectNoRawErrors();
  });

  it('saves what the fields say, as the model schema has it', async () => {
    const { saved, form } = await mount(undefined);
    await form.getByLabelText('Most partitions').fill('48');
    await form.getByLabelText('Highest replication factor', { exact: false }).fill('2');
    for (const key of ['retention.bytes', 'max.message.bytes', 'compression.type', 'cleanup.policy']) await form.getByRole('button', { name: `Remove ${key}` }).click();
    await form.getByRole('button', { name: 'Add a config key' }).click();
    await form.getByLabelText('Config key (new key)').fill('segment.ms');
    await form.getByLabelText('Smallest segment.ms').fill('60000');
    await form.getByLabelText('Largest segment.ms').fill('86400000');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent("Saved: members' new topics on Local Kafka are held to these limits.");
    expect(saved).toEqual([
      {
        partitions: 48,
        replicationFactor: 2,
        config: { 'retention.ms': memberTopicLimits.config['retention.ms'], 'segment.ms': { min: 60_000, max: 86_400_000, unit: 'ms' } },
      },
    ]);
  });

  it('resets limits an admin set to the defaults', async () => {
    const { saved, form } = await mount({ partitions: 3, config: {} });
    await expect.element(form.getByLabelText('Most partitions')).toHaveValue(3);
    await form.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Reset: Local Kafka uses the default limits.');
    await expect.element(form.getByLabelText('Most partitions')).toHaveValue(12);
    expect(saved).toEqual([undefined]);
  });

  it("shows the server's refusal as its sentence", async () => {
    const { form } = await mount(undefined, 'There is no connection "local".');
    await form.getByRole('button', { name: 'Save limits' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('There is no connection "local".');
    expectNoRawErrors();
  });
});

describe('guardrails of a connection', () => {
  it('refuses a pattern that is not a safe regular expression, and bounds that cross, with a sentence beside each field', async () => {
    const { saved, form } = await mount(undefined);
    await form.getByLabelText('Topic name pattern', { exact: false }).fill('orders.(');
    await form.getByLabelText('Fewest partitions', { exact: false }).fill('13');
    await form.getByLabelText('Lowest replication factor', { exact: false }).fill('0');
    await form.getByRole('button', { name: 'Save limits' }).click();
    expect(await problemBeside(form.getByLabelText('Topic name pattern', { exact: false }))).toBe('“orders.(” is not a regular expression: unterminated group.');
    expect(await problemBeside(form.getByLabelText('What the pattern asks for', { exact: false }))).toBe('Say in words what the pattern asks for: members read it beside the pattern.');
    expect(await problemBeside(form.getByLabelText('Fewest partitions', { exact: false }))).toBe('Fewest partitions is at most the most partitions (12).');
    expect(await problemBeside(form.getByLabelText('Lowest replication factor', { exact: false }))).toBe('Lowest replication factor is a whole number from 1 to 32, or empty for 1.');

    await form.getByLabelText('Topic name pattern', { exact: false }).fill('(orders|payments)+');
    await form.getByRole('button', { name: 'Save limits' }).click();
    expect(await problemBeside(form.getByLabelText('Topic name pattern', { exact: false }))).toMatch(/^A topic name pattern may not repeat a group that itself repeats or has alternatives/);
    expect(saved).toEqual([]);
    expectNoRawErrors();
  });

  it('saves the guardrails with the limits, and shows the sentence members will read', async () => {
    const { saved, form } = await mount(undefined);
    await form.getByLabelText('Topic name pattern', { exact: false }).fill('orders\\.[a-z0-9-]+');
    await form.getByLabelText('What the pattern asks for', { exact: false }).fill('orders, a dot, then the event in lower case');
    await expect.element(form.getByText('Members read: Topic names on "Local Kafka" must match orders\\.[a-z0-9-]+: orders, a dot, then the event in lower case.')).toBeVisible();
    await form.getByLabelText('Fewest partitions', { exact: false }).fill('3');
    await form.getByLabelText('Lowest replication factor', { exact: false }).fill('2');
    await form.getByLabelText('Every subscription needs a DLQ').click();
    await form.getByRole('button', { name: 'Save limits' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent("Saved: members' new topics on Local Kafka are held to these limits.");
    expect(saved).toEqual([
      {
        ...memberTopicLimits,
        topicName: { pattern: 'orders\\.[a-z0-9-]+', description: 'orders, a dot, then the event in lower case' },
        minPartitions: 3,
        minReplicationFactor: 2,
        requireDlq: true,
      },
    ]);
  });

  it('shows guardrails an admin set', async () => {
    const { form } = await mount({ ...memberTopicLimits, topicName: { pattern: 'team-a\\..+', description: 'the team prefix' }, minPartitions: 2, requireDlq: true });
    await expect.element(form.getByLabelText('Topic name pattern', { exact: false })).toHaveValue('team-a\\..+');
    await expect.element(form.getByLabelText('Fewest partitions', { exact: false })).toHaveValue(2);
    await expect.element(form.getByLabelText('Every subscription needs a DLQ')).toBeChecked();
  });
});

