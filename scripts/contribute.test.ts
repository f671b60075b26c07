/** `npm run contribute`'s reading of its <join-url> argument (scripts/contribute.ts). */
import { describe, expect, it } from "vitest";
import { contributeTarget } from "./contribute";

describe("contributeTarget", () => {
  it("takes a join link (the page URL or the API path) and connects over ws/wss with the token", () => {
    const page = contributeTarget("https://evolve.example/contribute/job_abc?join=job_abc.123.sig");
    expect(page).toEqual({ wsUrl: "wss://evolve.example/v1/jobs/job_abc/contribute?join=job_abc.123.sig", jobId: "job_abc", headers: {}, joined: true });
    const api = contributeTarget("http://127.0.0.1:8787/v1/jobs/job_abc/contribute?join=t");
    expect(api.wsUrl).toBe("ws://127.0.0.1:8787/v1/jobs/job_abc/contribute?join=t");
  });

  it("takes a job URL with an API key (sent as a Bearer header, never in the URL)", () => {
    const t = contributeTarget("https://evolve.example/v1/jobs/job_abc", "evk_live_x");
    expect(t).toEqual({ wsUrl: "wss://evolve.example/v1/jobs/job_abc/contribute", jobId: "job_abc", headers: { authorization: "Bearer evk_live_x" }, joined: false });
  });

  it("says what is wrong with a bad argument", () => {
    expect(() => contributeTarget("not a url")).toThrow(/<join-url>: not a URL/);
    expect(() => contributeTarget("https://evolve.example/app/jobs/job_abc")).toThrow(/expected …\/contribute\/<job>/);
    expect(() => contributeTarget("https://evolve.example/v1/jobs/job_abc")).toThrow(/no \?join= token/);
  });
});
