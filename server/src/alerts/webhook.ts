import { isIP } from 'node:net';
import { limits } from '@event-flows/model';

/** How long a webhook may take to answer before its notification counts as failed. */
export const webhookTimeoutMs = 5_000;

/** The hosts ALERT_WEBHOOK_HOSTS lists (comma-separated), lower-case. */
export function webhookHosts(setting: string): string[] {
  return setting.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
}

/**
 * Why the studio will not send alerts to `address`, or `null` when it will. Only http(s) addresses;
 * with `allowedHosts` (ALERT_WEBHOOK_HOSTS) set, only those hosts; without it, no address on this
 * machine or a private network, so a rule's author cannot make the server call inside its own network.
 */
export function webhookRefusal(address: string, allowedHosts: readonly string[]): string | null {
  if (address.length > limits.webhookUrl) return `A webhook address may have at most ${limits.webhookUrl.toLocaleString('en')} characters.`;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `"${address.slice(0, 80)}" is not a web address; a webhook looks like https://hooks.slack.com/services/….`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'A webhook address starts with https:// (or http://).';
  if (url.username || url.password) return 'A webhook address may not hold a user name or password; put a token in its path, as Slack does.';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowedHosts.length > 0) {
    return allowedHosts.includes(host) ? null : `Alerts may be sent only to ${allowedHosts.join(', ')} (ALERT_WEBHOOK_HOSTS); ask a cluster admin to add ${host}.`;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    return `Alerts are not sent to ${host}, an address on this machine or a private network, unless a cluster admin lists it in ALERT_WEBHOOK_HOSTS.`;
  }
  return null;
}

/** Whether `host` is a literal IP address of this machine, a private network or a link. */
function isPrivateAddress(host: string): boolean {
  const version = isIP(host);
  if (version === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (version === 6) return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}

/** The address without its path, for showing a rule's webhook without the token its path holds. */
export function webhookShown(address: string): string {
  try {
    const url = new URL(address);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return '(not a web address)';
  }
}

/**
 * Posts `text` to a webhook as Slack's incoming webhooks take it (`{"text": …}`; Teams, Mattermost and
 * most chat tools take the same), following no redirect. Resolves to what became of it: `sent`, or
 * `failed: ` and why — it never rejects.
 */
export async function sendWebhook(address: string, text: string): Promise<string> {
  try {
    const response = await fetch(address, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      redirect: 'manual',
      signal: AbortSignal.timeout(webhookTimeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? 'sent' : `failed: the webhook answered HTTP ${response.status}`;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return `failed: no answer within ${webhookTimeoutMs / 1_000} s`;
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
