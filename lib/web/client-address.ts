/**
 * The address a request comes from, as the login limits see it (lib/data/login-throttle.ts).
 *
 * scripts/server.ts knows the socket's address and passes it to Next.js in CLIENT_ADDRESS_HEADER, after deleting
 * whatever a client sent under that name, so the value cannot be forged. `X-Forwarded-For` is believed only when the
 * socket belongs to a proxy named in TRUSTED_PROXIES (addresses or CIDR blocks, comma-separated): the list is read
 * from the right, and the first address that is not a trusted proxy is the client. Pure: node:net only.
 */
import { BlockList, isIP } from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-tracker-client-address";

/** `::ffff:127.0.0.1` → `127.0.0.1`; anything that is not an IP address → null. */
export function normaliseAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  if (isIP(a) === 0) return null;
  return a.toLowerCase();
}

/** The trusted proxies of a TRUSTED_PROXIES value; throws on an entry that is neither an address nor a CIDR block. */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, bits] = entry.split("/");
    const ip = normaliseAddress(addr);
    if (!ip || (bits !== undefined && !/^\d{1,3}$/.test(bits)))
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR block`);
    const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(bits), family);
  }
  return list;
}

function trusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/** The client's address given the socket's address, the X-Forwarded-For header(s) and the trusted proxies. */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: BlockList,
): string {
  let current = normaliseAddress(socketAddress) ?? "unknown";
  const hops = ([] as string[])
    .concat(forwardedFor ?? [])
    .join(",")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  while (current !== "unknown" && trusted(proxies, current) && hops.length > 0) {
    const next = normaliseAddress(hops.pop());
    // A proxy that forwards garbage: stop at the last address we can vouch for.
    if (!next) break;
    current = next;
  }
  return current;
}
