/** Redirects after sign-in/up stay on this site, whatever a crafted link puts in redirectTo. */
import { describe, expect, it } from "vitest";
import { isInvitationPath, redirectQuery, safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeRedirect("/accept-invitation/abc")).toBe("/accept-invitation/abc");
    expect(safeRedirect("/app/jobs?state=running#top")).toBe("/app/jobs?state=running#top");
  });

  it("refuses anything a browser would take to another origin", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "\\\\evil.example", "https://evil.example", "javascript:alert(1)", "/\t/evil.example", "", null, undefined, "app/jobs"]) {
      expect(safeRedirect(bad)).toBe("/app/jobs");
    }
    expect(safeRedirect("//evil.example", "")).toBe("");
  });

  it("refuses paths that only become another origin once dot segments and escapes are normalised", () => {
    // Each of these resolves to the path "//evil.com", which a browser reads as the host evil.com.
    for (const bad of ["/.//evil.com", "/..//evil.com", "/%2e//evil.com", "/%2E%2E//evil.com", "/app/..//evil.com", "/app/%2e%2e//evil.com", "/./%5cevil.com"]) {
      expect(safeRedirect(bad), bad).toBe("/app/jobs");
      expect(redirectQuery(bad), bad).toBe("");
    }
    // Normalisation still keeps harmless dot segments inside the site.
    expect(safeRedirect("/app/./jobs/../jobs?x=1")).toBe("/app/jobs?x=1");
  });

  it("builds the query that carries the destination between sign-in and sign-up", () => {
    expect(redirectQuery("/accept-invitation/inv_1?x=1")).toBe("?redirectTo=%2Faccept-invitation%2Finv_1%3Fx%3D1");
    // The page reading the query gets back the same (normalised) path.
    expect(new URLSearchParams(redirectQuery("/accept-invitation/a b")).get("redirectTo")).toBe("/accept-invitation/a%20b");
    expect(redirectQuery("https://evil.example")).toBe("");
    expect(redirectQuery(null)).toBe("");
  });

  it("recognises the way to an invitation", () => {
    expect(isInvitationPath("/accept-invitation/inv_123")).toBe(true);
    expect(isInvitationPath("/accept-invitation/")).toBe(false);
    expect(isInvitationPath("/app/jobs")).toBe(false);
  });
});
