/** Sheet templates for timetabling uploads: the workbook and the sectioned CSV, with example rows. */
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { templateCsv, templateWorkbook } from "@core/timetabling/index";
import { invariantResponse } from "../../server/responses.server";
import { requireUser } from "../../server/session.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context.cloudflare.env);
  const file = params.file;
  invariantResponse(file === "timetabling.xlsx" || file === "timetabling.csv", 404, "No such template.");
  const body: BodyInit = file.endsWith(".xlsx") ? (templateWorkbook() as Uint8Array<ArrayBuffer>) : templateCsv();
  const type = file.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  return new Response(body, { headers: { "content-type": type, "content-disposition": `attachment; filename="evolve-${file}"` } });
}
