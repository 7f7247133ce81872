import ipaddr from 'ipaddr.js';
import { classifyAddress } from './address-class';

export type FetchTargetCheck = { ok: true } | { ok: false; reason: string };

/**
 * Decides whether the fetcher may contact `url`, given every address its host resolved to (the HTTP client must
 * then connect to one of exactly these addresses, or DNS rebinding defeats the check).
 *
 * Policy:
 * - http and https go out when every resolved address is public, or the host is allow-listed by name, or every
 *   resolved address lies in an allow-listed CIDR (operators allow internal sources explicitly).
 * - file: URLs (drop folders) are refused unless an allow-list entry starting with `file:` is a prefix of the URL.
 * - every other scheme is refused.
 *
 * Allow-list entries: a hostname (`news.internal`, also covering subdomains when written `.internal` or
 * `*.internal`), a CIDR (`10.1.0.0/16`, `fd00::/8`), a single IP, or a `file:` prefix.
 */
export function checkFetchTarget(url: string, resolvedIps: string[], allowList: string[]): FetchTargetCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `invalid URL: ${JSON.stringify(url)}` };
  }
  if (parsed.protocol === 'file:') {
    const allowed = allowList.some((entry) => entry.startsWith('file:') && parsed.href.startsWith(entry));
    return allowed
      ? { ok: true }
      : { ok: false, reason: `file URL ${parsed.href} is outside the allowed drop folders` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `scheme ${parsed.protocol} is not allowed (only http, https and allow-listed file)` };
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (allowList.some((entry) => hostMatches(host, entry))) return { ok: true };

  const addresses = ipaddr.isValid(host) ? [host, ...resolvedIps] : resolvedIps;
  if (addresses.length === 0) return { ok: false, reason: `host ${host} has no resolved address to check` };
  const cidrs = allowList.flatMap(parseCidr);
  for (const address of addresses) {
    if (!ipaddr.isValid(address.trim()))
      return { ok: false, reason: `resolved address ${address} is not an IP address` };
    if (cidrs.some((cidr) => inCidr(address.trim(), cidr))) continue;
    const addressClass = classifyAddress(address);
    if (addressClass !== 'public') {
      return { ok: false, reason: `host ${host} resolves to ${address} (${addressClass}), which is not allow-listed` };
    }
  }
  return { ok: true };
}

function hostMatches(host: string, entry: string): boolean {
  const name = entry.trim().toLowerCase();
  if (!name || name.startsWith('file:') || name.includes('/') || ipaddr.isValid(name)) return false;
  if (name.startsWith('*.') || name.startsWith('.')) {
    const suffix = name.slice(name.indexOf('.'));
    return host.endsWith(suffix);
  }
  return host === name;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseCidr(entry: string): Cidr[] {
  const trimmed = entry.trim();
  try {
    if (trimmed.includes('/')) return [ipaddr.parseCIDR(trimmed)];
    if (ipaddr.isValid(trimmed)) {
      const address = ipaddr.parse(trimmed);
      return [[address, address.kind() === 'ipv4' ? 32 : 128]];
    }
  } catch {
    // not a CIDR: a hostname or file entry
  }
  return [];
}

function inCidr(ip: string, [range, bits]: Cidr): boolean {
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && range.kind() === 'ipv4') {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  return address.kind() === range.kind() && address.match(range, bits);
}
