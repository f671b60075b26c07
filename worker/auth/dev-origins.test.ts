/** trustedOrigins (worker/auth/dev-origins.ts): the loopback twin in development only. */
import { describe, expect, it } from "vitest";
import { trustedOrigins } from "./dev-origins";

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
