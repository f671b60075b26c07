/** trustedOrigins (worker/auth/dev-origins.ts): the loopback twin in development only. */
import { describe, expect, it } from "vitest";
import { linkOrigin, onOrigin, trustedOrigins } from "./dev-origins";

describe("trustedOrigins", () => {
  it("trusts localhost and 127.0.0.1 on the same port in development", () => {
    expect(trustedOrigins({ APP_URL: "http://localhost:8787", ENVIRONMENT: "development" })).toEqual(["http://localhost:8787", "http://127.0.0.1:8787"]);
    expect(trustedOrigins({ APP_URL: "http://127.0.0.1:9000", ENVIRONMENT: "development" })).toEqual(["http://127.0.0.1:9000", "http://localhost:9000"]);
  });

  it("trusts APP_URL only in production, in tests, and for other hosts", () => {
    expect(trustedOrigins({ APP_URL: "http://localhost:8787", ENVIRONMENT: "production" })).toEqual(["http://localhost:8787"]);
    expect(trustedOrigins({ APP_URL: "http://localhost:8787", ENVIRONMENT: "test" })).toEqual(["http://localhost:8787"]);
    expect(trustedOrigins({ APP_URL: "https://evolve.example.com", ENVIRONMENT: "development" })).toEqual(["https://evolve.example.com"]);
    expect(trustedOrigins({ APP_URL: "not a url", ENVIRONMENT: "development" })).toEqual(["not a url"]);
  });
});

describe("linkOrigin", () => {
  const dev = { APP_URL: "http://localhost:8787", ENVIRONMENT: "development" };
  it("in development, links follow the request to either loopback origin", () => {
    expect(linkOrigin(dev, "http://127.0.0.1:8787/app/settings/members")).toBe("http://127.0.0.1:8787");
    expect(linkOrigin(dev, new Request("http://localhost:8787/v1/invitations"))).toBe("http://localhost:8787");
  });

  it("an untrusted origin, a missing request and every other environment get APP_URL", () => {
    expect(linkOrigin(dev, "http://evil.example:8787/app")).toBe("http://localhost:8787");
    expect(linkOrigin(dev, "http://127.0.0.1:9999/app")).toBe("http://localhost:8787");
    expect(linkOrigin(dev, undefined)).toBe("http://localhost:8787");
    expect(linkOrigin(dev, "not a url")).toBe("http://localhost:8787");
    expect(linkOrigin({ APP_URL: "https://evolve.example.com", ENVIRONMENT: "production" }, "https://evolve-preview.workers.dev/x")).toBe("https://evolve.example.com");
    expect(linkOrigin({ APP_URL: "http://localhost:8787", ENVIRONMENT: "test" }, "http://127.0.0.1:8787/x")).toBe("http://localhost:8787");
  });

  it("onOrigin moves an absolute link and keeps its path and query", () => {
    expect(onOrigin("http://localhost:8787/api/auth/reset-password/tok?callbackURL=%2Freset-password", "http://127.0.0.1:8787")).toBe(
      "http://127.0.0.1:8787/api/auth/reset-password/tok?callbackURL=%2Freset-password",
    );
  });
});
