import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type ClientRequestArgs } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Duplex } from "node:stream";
import ipaddr from "ipaddr.js";
import { ConsoleError } from "@/lib/errors/console-error";

// One rule for every address the console connects to on a user's behalf: https:// dataset sources and
// their redirects, and the S3 / MinIO endpoints named in dataset credentials.

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

/** An address the policy refuses; said in words an admin can act on. */
export class AddressRefused extends ConsoleError {
  readonly address: string;
  constructor(host: string, address: string, problem: string) {
    super(
      "unprocessable",
      `${host} ${host === address ? "is" : `resolves to ${address},`} ${problem}: the console does not fetch dataset sources from its own network. An admin can allow it with CONSOLE_ALLOW_PRIVATE_SOURCES=1.`,
    );
    this.address = address;
  }
}

/** The refusal for a host that is itself an IP literal (those never reach a DNS lookup), or null. */
export function literalAddressRefusal(host: string, policy: AddressPolicy): AddressRefused | null {
  const bare = host.replace(/^\[|\]$/g, "");
  if (!isIP(bare)) return null;
  const problem = policy.problem(bare);
  return problem ? new AddressRefused(bare, bare, problem) : null;
}

/** A DNS lookup for the connection that refuses the host when any of its addresses is not allowed. */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.map((a) => ({ a, problem: policy.problem(a.address) })).find((r) => r.problem);
      // One bad answer refuses the host: a name that resolves to both a public and a private address is a rebinding trick.
      if (refused) return callback(new AddressRefused(hostname, refused.a.address, refused.problem!), "", 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

/**
 * Judges a connection as it is made: an IP-literal host before the socket exists, a name in the
 * socket's own DNS lookup (so the address checked is the address connected to, and a name that rebinds
 * after a first check cannot slip through). Every request through the agent, redirects included, passes here.
 */
function guardedConnection(
  policy: AddressPolicy,
  options: ClientRequestArgs,
  callback: ConnectionCallback | undefined,
  connect: (options: ClientRequestArgs, callback?: ConnectionCallback) => Duplex | null | undefined,
): Duplex | null | undefined {
  const refusal = literalAddressRefusal(String(options.host ?? options.hostname ?? ""), policy);
  if (refusal) {
    // The agent hands the error to the request, which fails with it; nothing was sent.
    process.nextTick(() => callback?.(refusal, undefined as unknown as Duplex));
    return undefined;
  }
  return connect({ ...options, lookup: guardedLookup(policy) }, callback);
}

/** An http agent that connects only to addresses the policy allows. */
export class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly policy: AddressPolicy,
    options?: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    return guardedConnection(this.policy, options, callback, (o, cb) => super.createConnection(o, cb));
  }
}

/** An https agent that connects only to addresses the policy allows. */
export class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly policy: AddressPolicy,
    options?: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    return guardedConnection(this.policy, options, callback, (o, cb) => super.createConnection(o, cb));
  }
}

export function guardedHttpAgent(policy: AddressPolicy, options?: http.AgentOptions): http.Agent {
  return new GuardedHttpAgent(policy, options);
}

export function guardedHttpsAgent(policy: AddressPolicy, options?: https.AgentOptions): https.Agent {
  return new GuardedHttpsAgent(policy, options);
}
