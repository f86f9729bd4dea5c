import type { ConnectionInput } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import '../app/studio.css';
import { ConnectionForm } from './ConnectionForm.tsx';
import type { ConnectionView } from './connectionInput.ts';
import { expectNoRawErrors, problemBeside } from './formTesting.ts';

afterEach(() => cleanup());

/** A SCRAM connection over TLS with a stored password and CA certificate, as the admin API lists it. */
const secured: ConnectionView = {
  id: 'eu',
  name: 'Kafka EU',
  bootstrap: ['kafka-1.eu.example.com:9093', 'kafka-2.eu.example.com:9093'],
  auth: { mechanism: 'scram-sha-512', username: 'studio' },
  tls: { enabled: true, hasCaCertificate: true },
  hasPassword: true,
  memberTopicLimits: { partitions: 6, config: {} },
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const ca = '-----BEGIN CERTIFICATE-----\nMIIBnew\n-----END CERTIFICATE-----';

async function mount(connection?: ConnectionView, refuse?: string) {
  const submitted: ConnectionInput[] = [];
  const deleted: string[] = [];
  await render(
    <div className="efs-app" data-theme="light">
      <ConnectionForm
        {...(connection ? { connection } : {})}
        onSubmit={async (input) => {
          if (refuse) throw new Error(refuse);
          submitted.push(input);
        }}
        onDelete={async (id) => {
          if (refuse) throw new Error(refuse);
          deleted.push(id);
        }}
      />
    </div>,
  );
  const form = page.getByRole('form', { name: connection ? `Edit ${connection.name}` : 'Add a connection' });
  return { submitted, deleted, form };
}

describe('adding a connection', () => {
  it('refuses bad values with a sentence beside each field, and sends nothing', async () => {
    const { submitted, form } = await mount();
    await form.getByLabelText('Id', { exact: false }).fill('bad id!');
    await form.getByLabelText('Bootstrap servers', { exact: false }).fill('kafka, broker:9092');
    await form.getByLabelText('Authentication').selectOptions('SASL/SCRAM-SHA-256');
    await form.getByRole('button', { name: 'Add connection' }).click();

    expect(await problemBeside(form.getByLabelText('Id', { exact: false }))).toBe('The id has 1 to 128 letters, digits, ".", "_", "-" or ":".');
    expect(await problemBeside(form.getByLabelText('Name', { exact: true }))).toBe('Give the connection a name.');
    expect(await problemBeside(form.getByLabelText('Bootstrap servers', { exact: false }))).toBe('“kafka” is not host:port (for example kafka-1.example.com:9092).');
    expect(await problemBeside(form.getByLabelText('User name'))).toBe('Give the user name the connection signs in with.');
    expect(await problemBeside(form.getByLabelText('Password'))).toBe('Enter the password the connection signs in with.');
    await expect.element(form.getByRole('alert')).toHaveTextContent('Nothing was saved: correct the fields marked above.');
    expect(submitted).toEqual([]);
    expectNoRawErrors();
  });

  it('sends SASL/SCRAM-SHA-512 with TLS and a CA certificate, as the API takes them', async () => {
    const { submitted, form } = await mount();
    await form.getByLabelText('Id', { exact: false }).fill('eu');
    await form.getByLabelText('Name', { exact: true }).fill('Kafka EU');
    await form.getByLabelText('Bootstrap servers', { exact: false }).fill('kafka-1.eu.example.com:9093, kafka-2.eu.example.com:9093');
    await form.getByLabelText('Authentication').selectOptions('SASL/SCRAM-SHA-512');
    await form.getByLabelText('User name').fill('studio');
    await form.getByLabelText('Password').fill('s3cret');
    await form.getByLabelText('Use TLS').click();
    await form.getByLabelText('CA certificate (PEM', { exact: false }).fill(ca);
    await form.getByRole('button', { name: 'Add connection' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Added Kafka EU.');
    expect(submitted).toEqual([
      {
        id: 'eu',
        name: 'Kafka EU',
        bootstrap: ['kafka-1.eu.example.com:9093', 'kafka-2.eu.example.com:9093'],
        auth: { mechanism: 'scram-sha-512', username: 'studio', password: 's3cret' },
        tls: { enabled: true, caCertificate: ca },
      },
    ]);
  });

  it("shows the server's refusal beside the field it concerns", async () => {
    const { form } = await mount(undefined, 'A connection "eu" exists already.');
    await form.getByLabelText('Id', { exact: false }).fill('eu');
    await form.getByLabelText('Name', { exact: true }).fill('Kafka EU');
    await form.getByLabelText('Bootstrap servers', { exact: false }).fill('127.0.0.1:9092');
    await form.getByRole('button', { name: 'Add connection' }).click();
    await expect.poll(() => problemBeside(form.getByLabelText('Id', { exact: false }))).toBe('A connection "eu" exists already.');
    expectNoRawErrors();
  });
});

describe('editing a connection', () => {
  it('never shows the stored secrets, and keeps them when only the name changes', async () => {
    const { submitted, form } = await mount(secured);
    await expect.element(form.getByLabelText('Password')).toHaveValue('');
    await expect.element(form.getByLabelText('Keep the stored CA certificate')).toBeChecked();
    await form.getByLabelText('Name', { exact: true }).fill('Kafka Europe');
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Saved Kafka Europe.');
    expect(submitted).toEqual([
      { id: 'eu', name: 'Kafka Europe', bootstrap: secured.bootstrap, auth: { mechanism: 'scram-sha-512', username: 'studio' }, tls: { enabled: true }, memberTopicLimits: { partitions: 6, config: {} } },
    ]);
  });

  it('asks for the password again, saying why, when the servers, mechanism, TLS or CA change', async () => {
    const { submitted, form } = await mount(secured);
    await form.getByLabelText('Bootstrap servers', { exact: false }).fill('kafka-9.example.com:9093');
    await form.getByLabelText('Replace it').click();
    await expect
      .element(form.getByText('Enter the password again: you changed the bootstrap servers and the CA certificate, and the stored password is sent only where it was entered.'))
      .toBeVisible();
    await form.getByLabelText('New CA certificate (PEM)').fill(ca);
    await form.getByRole('button', { name: 'Save connection' }).click();
    expect(await problemBeside(form.getByLabelText('Password'))).toBe(
      'Enter the password again: you changed the bootstrap servers and the CA certificate, and the stored password is sent only where it was entered.',
    );
    expect(submitted).toEqual([]);

    await form.getByLabelText('Password').fill('s3cret');
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Saved Kafka EU.');
    expect(submitted[0]).toMatchObject({ bootstrap: ['kafka-9.example.com:9093'], auth: { password: 's3cret' }, tls: { enabled: true, caCertificate: ca } });
  });

  it("draws TLS's box and the CA certificate's choices as the design system does, in the accent colour", async () => {
    const { form } = await mount(secured);
    const accent = document.createElement('span');
    accent.style.color = 'var(--efs-accent)';
    document.querySelector('.efs-app')?.append(accent);
    const boxes = [form.getByRole('checkbox', { name: 'Use TLS' }), form.getByRole('radio', { name: 'Keep the stored CA certificate' }), form.getByRole('radio', { name: "Trust the system's CAs" })];
    for (const box of boxes) expect(getComputedStyle(box.element()).accentColor, box.element().getAttribute('name') ?? 'TLS').toBe(getComputedStyle(accent).color);
    accent.remove();
    // Pressing the words chooses.
    await form.getByText("Trust the system's CAs").click();
    await expect.element(form.getByRole('radio', { name: "Trust the system's CAs" })).toBeChecked();
  });

  it('says why a delete is refused, as the server words it', async () => {
    const reason = 'Grants on "eu" would be deleted with it: 1 grant (acme/classify subscribe orders). Revoke them first.';
    const { deleted, form } = await mount(secured, reason);
    await form.getByRole('button', { name: 'Delete connection…' }).click();
    await form.getByRole('button', { name: 'Delete Kafka EU' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent(reason);
    expect(deleted).toEqual([]);
    expectNoRawErrors();
  });

  it('deletes after the second click', async () => {
    const { deleted, form } = await mount(secured);
    await form.getByRole('button', { name: 'Delete connection…' }).click();
    await form.getByRole('button', { name: 'Delete Kafka EU' }).click();
    await expect.poll(() => deleted).toEqual(['eu']);
  });
});
