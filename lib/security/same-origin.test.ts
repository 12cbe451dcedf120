import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

const env = {};
const headers = (values: Record<string, string>) => new Headers(values);

describe("isSameOriginRequest", () => {
  it("accepts the console's own pages", () => {
    expect(isSameOriginRequest(headers({ host: "console:3000", origin: "http://console:3000", "sec-fetch-site": "same-origin" }), env)).toBe(true);
    expect(isSameOriginRequest(headers({ host: "console:3000", "sec-fetch-site": "same-origin" }), env)).toBe(true);
  });

  it("refuses another port of the same host, another site, and opaque origins", () => {
    expect(isSameOriginRequest(headers({ host: "console:3000", origin: "http://console:8080", "sec-fetch-site": "same-site" }), env)).toBe(false);
    expect(isSameOriginRequest(headers({ host: "console:3000", origin: "http://console:8080" }), env)).toBe(false);
    expect(isSameOriginRequest(headers({ host: "console:3000", origin: "https://evil.example" }), env)).toBe(false);
    expect(isSameOriginRequest(headers({ host: "console:3000", origin: "null" }), env)).toBe(false);
    expect(isSameOriginRequest(headers({ host: "console:3000", "sec-fetch-site": "cross-site" }), env)).toBe(false);
  });

  it("refuses a write with neither Origin nor Sec-Fetch-Site", () => {
    expect(isSameOriginRequest(headers({ host: "console:3000" }), env)).toBe(false);
  });

  it("believes X-Forwarded-Host only behind a trusted proxy, and accepts the configured public URL", () => {
    const forwarded = headers({ host: "10.0.0.5:3000", "x-forwarded-host": "ocr.example.com", origin: "https://ocr.example.com" });
    expect(isSameOriginRequest(forwarded, env)).toBe(false);
    expect(isSameOriginRequest(forwarded, { CONSOLE_TRUST_PROXY: "true" })).toBe(true);
    const proxied = headers({ host: "10.0.0.5:3000", origin: "https://ocr.example.com" });
    expect(isSameOriginRequest(proxied, { CONSOLE_PUBLIC_URL: "https://ocr.example.com/" })).toBe(true);
  });
});
