import { afterEach, describe, expect, it } from 'vitest';
import { defineEventFlowsStudio, type EventFlowsStudioElement } from './studioElement.ts';

// No server answers here (a closed port): what is checked is what the element mounts and keeps, which
// shows before any request answers: the sign-in form without a token, "Signing in…" or its failure with one.
const apiUrl = 'http://127.0.0.1:1';

afterEach(() => {
  document.body.replaceChildren();
});

let tags = 0;
/** A fresh tag name per test: custom element names cannot be unregistered. */
const newTag = () => `efs-studio-test-${++tags}`;

const pluginHost = (element: HTMLElement) => element.querySelector('.efs-plugin-host');
const shadow = (element: HTMLElement) => pluginHost(element)?.shadowRoot ?? null;
const showsSignInForm = (element: HTMLElement) => shadow(element)?.querySelector('form[aria-label="Sign in"]') != null;
const theme = (element: HTMLElement) => shadow(element)?.querySelector('.efs-app')?.getAttribute('data-theme') ?? null;

function studio(tag: string, attributes: Record<string, string>): EventFlowsStudioElement {
  const element = document.createElement(tag) as EventFlowsStudioElement;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

describe('<event-flows-studio>', () => {
  it('uses a getToken property set before the element was defined', async () => {
    const tag = newTag();
    const element = studio(tag, { 'api-url': apiUrl });
    const getToken = () => 'demo-member-token';
    (element as unknown as { getToken: () => string }).getToken = getToken;
    document.body.append(element);
    defineEventFlowsStudio(tag);
    await expect.poll(() => shadow(element)?.textContent ?? '').toMatch(/Signing in|Could not sign in/);
    expect(showsSignInForm(element)).toBe(false);
    expect(element.getToken).toBe(getToken);
  });

  it('uses a getToken property set after the element was connected', async () => {
    const tag = newTag();
    defineEventFlowsStudio(tag);
    const element = studio(tag, { 'api-url': apiUrl });
    document.body.append(element);
    await expect.poll(() => showsSignInForm(element)).toBe(true);
    element.getToken = () => 'demo-member-token';
    await expect.poll(() => showsSignInForm(element)).toBe(false);
    expect(shadow(element)?.textContent).toMatch(/Signing in|Could not sign in/);
  });

  it('changes theme and org in place, keeping what the person typed, and mounts anew for another API', async () => {
    const tag = newTag();
    defineEventFlowsStudio(tag);
    const element = studio(tag, { 'api-url': apiUrl, theme: 'light' });
    document.body.append(element);
    await expect.poll(() => showsSignInForm(element)).toBe(true);
    const host = pluginHost(element);
    const input = shadow(element)?.querySelector('input');
    if (!input) throw new Error('no token input');
    // As a person types: React tracks the value through the native setter and an input event.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, 'half-typed');
    input.dispatchEvent(new Event('input', { bubbles: true }));

    element.setAttribute('theme', 'dark');
    element.setAttribute('org-id', 'acme');
    await expect.poll(() => theme(element)).toBe('dark');
    expect(pluginHost(element)).toBe(host);
    expect(shadow(element)?.querySelector('input')?.value).toBe('half-typed');

    element.setAttribute('api-url', 'http://127.0.0.1:2');
    await expect.poll(() => pluginHost(element) !== host).toBe(true);
    expect(host?.isConnected).toBe(false);
    expect(element.querySelectorAll('.efs-plugin-host')).toHaveLength(1);
  });

  it('rotates a token attribute without mounting anew', async () => {
    const tag = newTag();
    defineEventFlowsStudio(tag);
    const element = studio(tag, { 'api-url': apiUrl, token: 'first' });
    document.body.append(element);
    await expect.poll(() => shadow(element)?.textContent ?? '').toMatch(/Signing in|Could not sign in/);
    const host = pluginHost(element);
    element.setAttribute('token', 'second');
    element.setAttribute('theme', 'dark');
    await expect.poll(() => theme(element)).toBe('dark');
    expect(pluginHost(element)).toBe(host);
  });
});
