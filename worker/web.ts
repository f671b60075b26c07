/**
 * The Remix UI, rendered by the same Worker. The server build comes from `npm run build`
 * (web/build/server); loaders get the Worker's env and ctx through the load context.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/server-runtime";
import * as build from "../web/build/server/index.js";
import type { Env } from "./env";

const handleRequest = createRequestHandler(build as unknown as ServerBuild);

export function handleWebRequest(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  return handleRequest(request, { cloudflare: { env, ctx } });
}
