/**
 * The served OpenAPI document validates against the official OpenAPI 3.1 schema. Runs in Node
 * against the app started as `npm run dev` starts it: the validator compiles JSON Schemas to code
 * (Ajv), which workerd forbids, so it cannot run in the worker project.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, inject, it } from "vitest";

describe("/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await fetch(new URL("/v1/openapi.json", inject("baseURL")));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 4000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The fork operation documents its weights (a spot check that this is the current document).
    const fork = (doc.paths as any)["/jobs/{id}/fork"].post.requestBody.content["application/json"].schema;
    const forkSchema = fork.$ref ? (doc.components as any).schemas[fork.$ref.split("/").pop()] : fork;
    expect(Object.keys(forkSchema.properties)).toContain("weights");
  });
});
