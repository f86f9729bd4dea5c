/// <reference lib="dom" />
// Every form of the studio, fed bad values in Debian's Chromium: each refusal is a sentence next to
// the field or form it concerns, and no page shows zod's issue array, an object dump or a pattern.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openAdminPage, openFlow, openStudio, tokens } from '../studioPages.ts';

const studio = studioForTests();
const unreadable = /\[\{|"code"|\/\^|Unable to transform/;
/**
 * The classes of the sentences that say what is wrong with a field of the studio: every field is a
 * design-system Field, whose error (`efs-field__error`) is the error colour at the small size, which the
 * test also checks.
 */
const problemClasses = ['efs-field__error'];

/** The sentence shown under `field` (its `aria-describedby`), checked to be a readable sentence; the page holds no JSON either. */
async function fieldSentence(page: Page, field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
  // A field with help is described by its help and then its problem: the sentence is the one in a problem's class.
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const described = await Promise.all(ids.map(async (id) => ({ id, className: await page.locator(`[id="${id}"]`).getAttribute('class', { timeout: 5_000 }) })));
  const problem = described.find((d) => problemClasses.includes(d.className ?? ''));
  expect(problem, `the field's descriptions: ${JSON.stringify(described)}`).toBeDefined();
  const sentence = page.locator(`[id="${problem?.id ?? ''}"]`);
  const text = (await sentence.textContent()) ?? '';
  const look = await sentence.evaluate((el) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--efs-error)';
    probe.style.fontSize = 'var(--efs-text-sm)';
    el.after(probe);
    const style = { colour: getComputedStyle(el).color, size: getComputedStyle(el).fontSize, errorColour: getComputedStyle(probe).color, smallSize: getComputedStyle(probe).fontSize };
    probe.remove();
    return style;
  });
  expect([look.colour, look.size]).toEqual([look.errorColour, look.smallSize]);
  // The refused field itself is framed in the error colour, as the design system's Field marks it.
  expect(await field.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe(look.errorColour);
  expect(text).not.toMatch(unreadable);
  expect(text).toMatch(/[.)]$/);
  expect(await page.locator('body').innerText()).not.toMatch(unreadable);
  return text;
}

/** The sentence `scope` shows in its alert, checked to be a readable sentence; the page holds no JSON either. */
async function sentenceIn(page: Page, scope: Locator): Promise<string> {
  const alert = scope.getByRole('alert').first();
  await alert.waitFor({ timeout: 15_000 });
  const text = (await alert.textContent()) ?? '';
  expect(text).not.toMatch(unreadable);
  expect(text).toMatch(/\.$/);
  expect(await page.locator('body').innerText()).not.toMatch(unreadable);
  return text;
}

describe('bad values in every form', () => {
  it('a 300-character flow name is refused with a sentence next to the name', async () => {
    const page = await openStudio(studio, tokens.member);
    await page.getByLabel('New flow name').fill('n'.repeat(300));
    await page.getByRole('button', { name: 'Create flow' }).click();
    const form = page.getByLabel('New flow name').locator('xpath=ancestor::form[1]');
    expect(await sentenceIn(page, form)).toBe('A flow name may have at most 200 characters; this one has 300.');
    // Styled as the admin forms' field sentences are.
    expect(problemClasses).toContain(await form.getByRole('alert').first().getAttribute('class'));
  });

  it('a flow renamed to 300 characters and a pasted document that is not a flow get sentences beside their fields', async () => {
    await callApi(studio, tokens.member, 'mutation', 'flows.create', { orgId: 'acme', name: 'Rename me' });
    const page = await openStudio(studio, tokens.member);
    await page.getByRole('button', { name: 'Rename or describe Rename me' }).click();
    const details = page.getByRole('form', { name: 'Flow details' });
    await details.getByLabel('Name').fill('n'.repeat(300));
    await details.getByRole('button', { name: 'Save details' }).click();
    expect(await fieldSentence(page, details.getByLabel('Name'))).toBe('A flow name may have at most 200 characters; this one has 300.');
    await details.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Import flow…' }).click();
    const importForm = page.getByRole('form', { name: 'Import a flow' });
    await importForm.getByLabel('Or paste the document').fill('- 1\n- 2\n');
    await importForm.getByRole('button', { name: 'Import flow' }).click();
    expect(await fieldSentence(page, importForm.getByLabel('Or paste the document'))).toMatch(/^This is not a flow document that can be imported\./);
  });

  it('topic names, partitions and test messages on a flow get sentences beside their fields', async () => {
    await callApi(studio, tokens.member, 'mutation', 'flows.create', { orgId: 'acme', name: 'Bad values' });
    const page = await openFlow(studio, tokens.member, 'Bad values');
    const palette = page.getByRole('region', { name: 'Palette' });
    await palette.getByRole('button', { name: 'New topic' }).click();
    const form = palette.getByRole('form', { name: 'New topic' });

    await form.getByLabel('Topic name').fill('bad topic!');
    await form.getByRole('button', { name: 'Add topic' }).click();
    expect(await sentenceIn(page, form)).toContain('is not a legal Kafka topic name');
    // The field takes no more than Kafka's 249 characters, whatever is pasted.
    await form.getByLabel('Topic name').fill('t'.repeat(1_000));
    expect((await form.getByLabel('Topic name').inputValue()).length).toBe(249);

    await form.getByLabel('Topic name').fill('payments.words');
    for (const partitions of ['999999', '-5', '2.5']) {
      await form.getByLabel('Partitions').fill(partitions);
      await form.getByRole('button', { name: 'Add topic' }).click();
      expect(await sentenceIn(page, form)).toMatch(/^Partitions is a whole number from 1 to \d+\.$/);
    }
    await form.getByLabel('Partitions').fill('1');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await page.locator('.react-flow__node').filter({ hasText: 'payments.words' }).waitFor();

    await page.getByRole('toolbar', { name: 'Flow actions' }).getByRole('button', { name: 'Send test message' }).click();
    const test = page.getByRole('form', { name: 'Send test message' });
    for (const megabytes of [2, 12]) {
      await test.getByLabel('Value').fill('x'.repeat(megabytes * 1_048_576));
      await test.getByRole('button', { name: 'Send' }).click();
      expect(await sentenceIn(page, test)).toBe(`The message is ${megabytes === 2 ? '2.1' : '13'} MB; at most 1 MB is sent from the studio.`);
    }
    // Chromium takes its time over 14 MB typed into a text area; alone the test needs about 15 s.
  }, 60_000);

  it("a member limit rule whose largest value is under its smallest gets a sentence beside the largest", async () => {
    const page = await openStudio(studio, tokens.admin);
    await openAdminPage(page, 'Connections');
    await page.getByRole('button', { name: /^Member limits and guardrails of / }).first().click();
    const limits = page.getByRole('form', { name: /^Member topic limits on / });
    await limits.getByLabel('Largest retention.ms').fill('100');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    expect(await fieldSentence(page, limits.getByLabel('Largest retention.ms'))).toBe('Must be at least the smallest, 3,600,000.');
  });

  it('a connection with a bad bootstrap value and a grant with a bad topic get sentences under their forms', async () => {
    const page = await openStudio(studio, tokens.admin);
    await openAdminPage(page, 'Connections');
    const connection = page.getByRole('form', { name: 'Add a connection' });
    await connection.getByLabel('Id').fill('bad-bootstrap');
    await connection.getByLabel('Name').fill('Bad bootstrap');
    await connection.getByLabel(/^Bootstrap servers/).fill('not a host, :99999');
    await connection.getByRole('button', { name: 'Add connection' }).click();
    expect(await fieldSentence(page, connection.getByLabel(/^Bootstrap servers/))).toMatch(/is not host:port/);

    await openAdminPage(page, 'Grants');
    const grant = page.getByRole('form', { name: 'Add a grant' });
    await grant.getByLabel('Algorithm').selectOption('acme/classify');
    // The topic is picked from the connection's topics, or named for one not created yet.
    const picker = grant.getByRole('combobox', { name: 'Topic' });
    const named = grant.getByRole('textbox', { name: /^Topic( name)?$/ });
    await expect.poll(async () => (await picker.count()) + (await named.count()), { timeout: 15_000 }).toBeGreaterThan(0);
    if ((await picker.count()) > 0) await picker.selectOption({ label: 'Another topic (not created yet)…' });
    await named.fill('bad topic!');
    await grant.getByRole('button', { name: /Add grant/ }).click();
    expect(await fieldSentence(page, named)).toMatch(/topic/i);
  });
});
