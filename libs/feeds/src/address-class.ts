import ipaddr from 'ipaddr.js';

export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'unspecified' | 'multicast' | 'reserved';

/** Cloud instance-metadata endpoints: the classic SSRF prize, named separately so logs say what was attempted. */
const METADATA_ADDRESSES = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, Oracle
  '169.254.170.2', // AWS ECS task metadata
  '100.100.100.200', // Alibaba Cloud
  'fd00:ec2::254', // AWS IMDS over IPv6
]);

const IPV4_CLASSES: Record<string, AddressClass> = {
  unicast: 'public',
  unspecified: 'unspecified',
  broadcast: 'reserved',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'private',
  private: 'private',
};

const IPV6_CLASSES: Record<string, AddressClass> = {
  unicast: 'public',
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
};

/**
 * Classifies an IP address for SSRF checks. Addresses that embed an IPv4 address (IPv4-mapped, NAT64, 6to4)
 * are judged by the embedded address, since that is where a packet ends up. Anything special-purpose we do not
 * name (documentation, benchmarking, Teredo, AS112…) is 'reserved': no news site lives there.
 * Throws on a string that is not an IP address.
 */
export function classifyAddress(ip: string): AddressClass {
  const trimmed = ip.trim().replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(trimmed)) throw new Error(`not an IP address: ${JSON.stringify(ip)}`);
  const address = ipaddr.parse(trimmed);
  if (METADATA_ADDRESSES.has(address.toNormalizedString()) || METADATA_ADDRESSES.has(address.toString())) {
    return 'metadata';
  }
  if (address.kind() === 'ipv4') return IPV4_CLASSES[address.range()] ?? 'reserved';
  const ipv6 = address as ipaddr.IPv6;
  const embedded = embeddedIpv4(ipv6);
  if (embedded) return classifyAddress(embedded);
  return IPV6_CLASSES[ipv6.range()] ?? 'reserved';
}

function embeddedIpv4(address: ipaddr.IPv6): string | null {
  const range = address.range();
  const bytes = address.toByteArray();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return bytes.slice(12, 16).join('.');
  if (range === '6to4') return bytes.slice(2, 6).join('.');
  // Deprecated IPv4-compatible addresses (::a.b.c.d) still route to a.b.c.d on some stacks.
  if (bytes.slice(0, 12).every((byte) => byte === 0) && range !== 'unspecified' && range !== 'loopback') {
    return bytes.slice(12, 16).join('.');
  }
  return null;
}
