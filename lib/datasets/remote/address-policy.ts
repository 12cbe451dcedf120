import ipaddr from "ipaddr.js";

/** Decides which addresses the console may fetch a dataset from; `problem` is null for an allowed one. */
export interface AddressPolicy {
  problem(address: string): string | null;
}

const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address (this machine)",
  private: "a private network address",
  linkLocal: "a link-local address (where cloud metadata services live)",
  uniqueLocal: "a unique-local IPv6 address (a private network)",
  unspecified: "the unspecified address",
  carrierGradeNat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  reserved: "a reserved address",
};

/**
 * Only public unicast addresses are allowed. IPv4-mapped IPv6 addresses are judged as the IPv4 address
 * they carry; every special range (loopback, RFC 1918, link-local, unique-local, NAT64, 6to4, Teredo …)
 * is refused, since each can reach the console's own network.
 */
export function addressProblem(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return "not an IP address";
  }
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === "unicast" ? null : (RANGE_WORDS[range] ?? `a special-purpose address (${range})`);
}

export const publicAddressesOnly: AddressPolicy = { problem: addressProblem };
export const anyAddress: AddressPolicy = { problem: () => null };

/** The admin's choice: CONSOLE_ALLOW_PRIVATE_SOURCES=1 lets sources on the console's own network through. */
export function sourceAddressPolicy(env: Record<string, string | undefined> = process.env): AddressPolicy {
  return env.CONSOLE_ALLOW_PRIVATE_SOURCES === "1" ? anyAddress : publicAddressesOnly;
}
