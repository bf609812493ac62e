import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { AppError } from '../../errors.js';
import { NON_PUBLIC, NetworkSet } from '../../lib/networks.js';

/**
 * Where webhooks may go (server-side request forgery): not to this machine, the local network or
 * any other non-public range, unless WEBHOOK_ALLOW_NETWORKS names that network. A host name is
 * resolved and every address it has is checked; the connection then uses exactly the checked
 * addresses, so a name that resolves differently a moment later (DNS rebinding) gains nothing.
 */
export class WebhookTargets {
  private readonly allowed: NetworkSet;

  constructor(allowNetworks: readonly string[]) {
    this.allowed = new NetworkSet(allowNetworks);
  }

  /** Why the address is refused, or null. */
  private refusal(address: string): AppError | null {
    if (!NON_PUBLIC.has(address) || this.allowed.has(address)) return null;
    return new AppError(
      'VALIDATION_FAILED',
      `url: webhook 地址指向本机、内网或其他非公网地址（${address}），不能发送；如确需发往内网，请运维在 WEBHOOK_ALLOW_NETWORKS 中列出该网段 / url: the webhook address is on this machine, a private or another non-public network (${address}); list that network in WEBHOOK_ALLOW_NETWORKS to allow it`,
      [{ path: 'body.url', message: `non-public address ${address}` }],
    );
  }

  /** Resolves the URL's host and refuses it unless every address is allowed: at registration and before each send. */
  async check(url: string): Promise<void> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await resolveAll(host);
    for (const a of addresses) {
      const refused = this.refusal(a);
      if (refused) throw refused;
    }
  }

  /** A `lookup` for http(s).request that hands the socket only addresses this set allows. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.map((a) => this.refusal(a.address)).find((r) => r !== null);
      if (refused || addresses.length === 0) return callback(refused ?? new Error(`${hostname} has no address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

async function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true }, (err, addresses) => {
      if (err || addresses.length === 0) {
        reject(new AppError('VALIDATION_FAILED', `url: 无法解析主机名 ${host} / cannot resolve the host ${host}`, [{ path: 'body.url', message: 'unresolvable host' }]));
      } else resolve(addresses.map((a) => a.address));
    });
  });
}
