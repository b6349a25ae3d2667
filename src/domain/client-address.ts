// Which client a network address stands for, for per-address limits. One host with IPv6 usually
// holds a whole /64 (2^64 addresses), so counting each address apart would let it walk around every
// limit: an IPv6 address counts as its /64. An IPv4 address written as IPv4-mapped IPv6
// (`::ffff:a.b.c.d`, what a dual-stack socket reports) is the IPv4 client it maps. Parsed by hand
// so the domain stays free of Node modules.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Octets(text: string): number[] | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

function hexGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    const v4 = i === parts.length - 1 ? ipv4Octets(part) : undefined;
    if (v4) {
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** The eight 16-bit groups of an IPv6 address (a zone such as `%eth0` dropped), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  const address = text.split('%')[0] ?? '';
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = hexGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? hexGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...Array.from({ length: missing }, () => 0), ...tail];
}

/**
 * The client an address is counted as: an IPv4 address as is, an IPv4-mapped IPv6 address as its
 * IPv4 address, any other IPv6 address as its /64 prefix (`2001:db8:0:1::/64`). Anything that is
 * not an IP address comes back unchanged, so it is still counted, just on its own.
 */
export function clientNetwork(address: string): string {
  const trimmed = address.trim();
  if (ipv4Octets(trimmed)) return trimmed;
  const groups = ipv6Groups(trimmed);
  if (!groups) return address;
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
