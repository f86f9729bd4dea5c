import type { Grant } from '@event-flows/model';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import '../app/studio.css';
import { GrantForm, type TopicChoices } from './GrantForm.tsx';
import { expectNoRawErrors, problemBeside } from './formTesting.ts';

afterEach(() => cleanup());

const algorithms = [
  { ref: 'acme/classify', name: 'classify' },
  { ref: 'acme/enrich', name: 'enrich' },
];
const connections = [
  { id: 'local', name: 'Embedded Kafka' },
  { id: 'eu', name: 'Kafka EU' },
];
/** Each connection's topics as the catalog read them; `eu` did not answer. */
const topicsOf = (connection: string): TopicChoices =>
  connection === 'eu' ? { state: 'error', message: "Kafka connection 'eu' did not answer within 5 s." } : { state: 'ready', names: ['orders', 'payments'] };

function Harness({ added, refuse }: { added: Grant[]; refuse?: string }) {
  const [connection, setConnection] = useState('local');
  return (
    <div className="efs-app" data-theme="light">
      <GrantForm
        algorithms={algorithms}
        connections={connections}
        connection={connection}
        onConnectionChange={setConnection}
        topics={topicsOf(connection)}
        onAdd={async (grant) => {
          if (refuse) throw new Error(refuse);
          added.push(grant);
        }}
      />
    </div>
  );
}

async function mount(refuse?: string) {
  const added: Grant[] = [];
  await render(<Harness added={added} {...(refuse ? { refuse } : {})} />);
  return { added, form: page.getByRole('form', { name: 'Add a grant' }) };
}

describe('adding a grant from pickers', () => {
  it('offers published algorithms, connections and the connection’s topics, and adds the grant picked', async () => {
    const { added, form } = await mount();
    await form.getByLabelText('Algorithm').selectOptions('enrich (acme/enrich)');
    await form.getByLabelText('Access').selectOptions('publish');
    await form.getByLabelText('Topic', { exact: true }).selectOptions('payments');
    await form.getByRole('button', { name: 'Add grant' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Granted: acme/enrich may publish payments.');
    expect(added).toEqual([{ algorithm: 'acme/enrich', access: 'publish', connection: 'local', topic: 'payments' }]);
  });

  it('says beside each picker what is missing, and adds nothing', async () => {
    const { added, form } = await mount();
    await form.getByRole('button', { name: 'Add grant' }).click();
    expect(await problemBeside(form.getByLabelText('Algorithm'))).toBe('Pick the algorithm to grant access to.');
    expect(await problemBeside(form.getByLabelText('Topic', { exact: true }))).toBe('Pick the topic.');
    expect(added).toEqual([]);
    expectNoRawErrors();
  });

  it('takes a topic by name, checked with Kafka’s rule, for one not created yet', async () => {
    const { added, form } = await mount();
    await form.getByLabelText('Algorithm').selectOptions('classify (acme/classify)');
    await form.getByLabelText('Topic', { exact: true }).selectOptions('Another topic (not created yet)…');
    await form.getByLabelText('Topic name').fill('bad topic!');
    await form.getByRole('button', { name: 'Add grant' }).click();
    expect(await problemBeside(form.getByLabelText('Topic name'))).toMatch(/^"bad topic!" is not a legal Kafka topic name/);
    await form.getByLabelText('Topic name').fill('orders.v2');
    await form.getByRole('button', { name: 'Add grant' }).click();
    await expect.poll(() => added).toEqual([{ algorithm: 'acme/classify', access: 'subscribe', connection: 'local', topic: 'orders.v2' }]);
    expectNoRawErrors();
  });

  it('says so when a connection’s topics cannot be listed, and takes the name instead', async () => {
    const { added, form } = await mount();
    await form.getByLabelText('Connection').selectOptions('Kafka EU');
    await expect.element(form.getByText("The topics could not be listed (Kafka connection 'eu' did not answer within 5 s.); name the topic.")).toBeVisible();
    await form.getByLabelText('Algorithm').selectOptions('classify (acme/classify)');
    await form.getByLabelText('Topic', { exact: true }).fill('orders');
    await form.getByRole('button', { name: 'Add grant' }).click();
    await expect.poll(() => added).toEqual([{ algorithm: 'acme/classify', access: 'subscribe', connection: 'eu', topic: 'orders' }]);
  });

  it("shows the server's refusal as its sentence", async () => {
    const refusal = 'There is no published algorithm "acme/enrich" on the platform: only published algorithms can be granted access.';
    const { form } = await mount(refusal);
    await form.getByLabelText('Algorithm').selectOptions('enrich (acme/enrich)');
    await form.getByLabelText('Topic', { exact: true }).selectOptions('orders');
    await form.getByRole('button', { name: 'Add grant' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent(refusal);
    expectNoRawErrors();
  });
});
