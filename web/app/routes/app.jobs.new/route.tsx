/**
 * New job: choose the kind, the problem (demo, upload with sheet templates, or for timetabling a
 * form editor), the algorithm and its parameters; validate (size vs the plan) before submitting;
 * field-level errors from the service.
 */
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data, redirect } from "@remix-run/server-runtime";
import { useEffect, useState } from "react";
import { findDemo, listDemoSummaries } from "../../demo/demos.server";
import { FormMessage } from "../../components/field";
import { getCatalogue, getKindModule } from "../../server/catalogue.server";
import { modelFromCttDocument } from "../../server/ctt-to-model.server";
import { createJobFromPage, planBudget } from "../../server/jobs.server";
import { EDITOR_SOURCE, readProblemFromForm, readUploadedProblem, validateProblem, type Validation } from "../../server/problem-intake.server";
import { toFormProblem, type FormProblem } from "../../server/responses.server";
import { requireUser } from "../../server/session.server";
import { ParamsFields, readParams } from "./params-fields";
import { TimetableEditor } from "./timetable-form/timetable-editor";
import { ValidationSummary } from "./validation-summary";
import { kindLabel } from "../../components/labels";
import { RACE_ALGORITHM, RACE_KINDS, RACE_TITLE } from "@core/engine/race";

/** The form's "race" choice: no parameters of its own (every algorithm runs with its defaults). */
const RACE_CHOICE = {
  id: RACE_ALGORITHM,
  title: RACE_TITLE,
  description:
    "Every algorithm of this kind starts on its own island; after each round of the race the worse half stops and the budget goes to the leaders, which receive the best solution found so far. Needs an evaluation budget (below) and a plan with one island per algorithm. The job page shows one curve per algorithm and how the budget was spent.",
  params: [] as never[],
};

export const meta: MetaFunction = () => [{ title: "New job · Evolve" }];

const ACCEPT: Record<string, string> = { timetabling: ".fet,.ctt,.json,.csv,.xlsx", tsp: ".tsp,.json", continuous: ".json", permutation: ".json" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const params = new URL(request.url).searchParams;
  const demo = findDemo(params.get("demo"));
  // A chosen demo is validated at once, so its size against the plan shows before submitting.
  const validation = demo ? await validateProblem(env, auth.tenantId, demo.kind, demo.document, demo.fileName) : null;
  return {
    catalogue: getCatalogue(),
    demos: listDemoSummaries(),
    demoId: demo?.id ?? "",
    kind: demo?.kind ?? (params.get("kind") || "timetabling"),
    // ?editor=1 opens the timetabling form editor instead of demo/upload.
    editor: !demo && params.get("editor") === "1",
    validation,
    budget: await planBudget(env, auth.tenantId),
  };
}

type ActionResult = {
  validation: Validation | null;
  problem: FormProblem | null;
  /** A model file opened in the form editor, and a fresh id so the editor starts over from it. */
  editorModel?: unknown;
  editorVersion?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "create");
  const kind = String(form.get("kind") ?? "");
  const module = getKindModule(kind);
  if (!module) return data<ActionResult>({ validation: null, problem: fieldProblem("kind", "choose a kind of problem") }, { status: 422 });

  if (intent === "open-in-editor" || intent === "open-demo-in-editor") return openInEditor(env, auth.tenantId, form, intent === "open-demo-in-editor");

  let document: unknown;
  let source: string;
  try {
    ({ document, source } = await readProblemFromForm(form, kind));
  } catch (err) {
    return data<ActionResult>({ validation: null, problem: toFormProblem(err) }, { status: 422 });
  }
  const validation = await validateProblem(env, auth.tenantId, kind, document, source);
  if (intent === "validate" || !validation.ok) return data<ActionResult>({ validation, problem: null }, { status: validation.ok ? 200 : 422 });

  // A FET school is solved by the school engine only (memetic and sa refuse it): a school file
  // sent with the kind's default algorithm still selected (no other choice made) runs as "school".
  const asked = String(form.get("algorithm") ?? module.defaultAlgorithm);
  const algorithm = validation.school && asked === module.defaultAlgorithm && module.algorithms.school ? "school" : asked;
  const specs = [...(module.algorithms[algorithm]?.params ?? [])];
  // An evaluation budget (exact, replayable) when given; otherwise seconds of compute.
  const evaluationsText = String(form.get("evaluations") ?? "").trim();
  const secondsText = String(form.get("seconds") ?? "").trim();
  const evaluations = Number(evaluationsText);
  const seconds = Number(secondsText);
  if (evaluationsText && (!Number.isInteger(evaluations) || evaluations < 1)) {
    return data<ActionResult>(
      { validation, problem: fieldProblem("budget.evaluations", "enter a whole number of evaluations, at least 1, or leave it empty to use the time budget") },
      { status: 422 },
    );
  }
  if (!evaluationsText && secondsText && !(Number.isFinite(seconds) && seconds > 0 && seconds <= 86_400)) {
    return data<ActionResult>({ validation, problem: fieldProblem("budget.seconds", "enter a number of seconds above 0") }, { status: 422 });
  }
  const budget = evaluationsText ? { evaluations } : secondsText ? { seconds } : undefined;
  const name = String(form.get("name") ?? "").trim() || (source === EDITOR_SOURCE ? "Timetable from the form" : source);
  try {
    const job = await createJobFromPage(env, auth, { kind, algorithm, parameters: readParams(form, specs), budget, problem: document, name }, request);
    throw redirect(`/app/jobs/${job.id}`);
  } catch (err) {
    if (err instanceof Response) throw err;
    return data<ActionResult>({ validation, problem: toFormProblem(err) }, { status: 422 });
  }
}

/**
 * Open an upload (model JSON, spreadsheet or .ctt) or a timetabling demo in the form editor; it is
 * validated like any upload, so its size and errors show on the opened rows.
 */
async function openInEditor(env: Parameters<typeof validateProblem>[0], tenantId: string, form: FormData, fromDemo: boolean) {
  try {
    const demo = fromDemo ? findDemo(String(form.get("editorDemo") ?? "")) : undefined;
    if (fromDemo && demo?.kind !== "timetabling") return data<ActionResult>({ validation: null, problem: fieldProblem("editorDemo", "choose a timetabling demo") }, { status: 422 });
    const { document, source } = demo ? { document: demo.document, source: demo.fileName } : await readUploadedProblem(form, "timetabling");
    const model = (document as { format?: unknown }).format === "ctt" ? modelFromCttDocument(document) : document;
    const validation = await validateProblem(env, tenantId, "timetabling", model, source);
    return data<ActionResult>({ validation, problem: null, editorModel: model, editorVersion: crypto.randomUUID() });
  } catch (err) {
    return data<ActionResult>({ validation: null, problem: toFormProblem(err) }, { status: 422 });
  }
}

function fieldProblem(path: string, message: string): FormProblem {
  return { title: "Check the form", detail: message, errors: [{ path, message }], status: 422 };
}

export default function NewJob() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [kind, setKind] = useState(loaded.kind);
  const [demoId, setDemoId] = useState(loaded.demoId);
  const [useEditor, setUseEditor] = useState(loaded.editor);
  const entry = loaded.catalogue.find((k) => k.kind === kind) ?? loaded.catalogue[0];
  const [algorithmId, setAlgorithmId] = useState(entry.defaultAlgorithm);
  // "race" (continuous, tsp, permutation): every algorithm of the kind, each with its defaults (core/engine/race.ts).
  const racing = algorithmId === RACE_ALGORITHM && RACE_KINDS.includes(kind);
  const algorithm = racing ? RACE_CHOICE : (entry.algorithms.find((a) => a.id === algorithmId) ?? entry.algorithms[0]);
  const validation = result?.validation ?? (demoId === loaded.demoId ? loaded.validation : null);
  // A FET school (its pre-flight summary came back) runs on the school engine: select it.
  const isSchool = Boolean(validation?.school);
  useEffect(() => {
    if (isSchool && entry.algorithms.some((a) => a.id === "school")) setAlgorithmId("school");
  }, [isSchool, entry]);
  const problem = result?.problem ?? null;
  const errorAt = (path: string) => problem?.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  const demosOfKind = loaded.demos.filter((d) => d.kind === kind);
  const editing = kind === "timetabling" && useEditor;

  return (
    <>
      <div className="page-title">
        <h1>New job</h1>
        <Link to="/app/jobs">Back to jobs</Link>
      </div>
      {problem && !problem.errors.length ? <FormMessage tone="error">{problem.detail}</FormMessage> : null}
      {problem && problem.errors.length ? (
        <FormMessage tone="error">
          {problem.title}: {problem.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}
        </FormMessage>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <fieldset className="card">
          <legend className="label">1. What kind of problem?</legend>
          <div className="button-row" role="radiogroup">
            {loaded.catalogue.map((k) => (
              <label key={k.kind} className="button small">
                <input
                  type="radio"
                  name="kind"
                  value={k.kind}
                  checked={kind === k.kind}
                  onChange={() => {
                    setKind(k.kind);
                    setAlgorithmId(k.defaultAlgorithm);
                    setDemoId("");
                  }}
                />{" "}
                {kindLabel(k.kind)}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="card stack">
          <legend className="label">2. The problem</legend>
          {kind === "timetabling" ? (
            <div className="button-row" role="radiogroup" aria-label="How to give the problem">
              <label className="button small">
                <input type="radio" name="source" value="file" checked={!useEditor} onChange={() => setUseEditor(false)} /> A demo or a file
              </label>
              <label className="button small">
                <input type="radio" name="source" value="editor" checked={useEditor} onChange={() => setUseEditor(true)} /> Build it in a form
              </label>
            </div>
          ) : null}
          {editing ? (
            <TimetableEditor
              key={result?.editorVersion ?? "example"}
              initialModel={result?.editorModel}
              demos={demosOfKind}
              errors={[...(validation?.errors ?? []), ...(problem?.errors ?? [])]}
              busy={busy}
            />
          ) : (
            <>
              <div className="field">
                <label htmlFor="demo">Demo problem</label>
                <select id="demo" name="demo" value={demoId} onChange={(e) => setDemoId(e.currentTarget.value)}>
                  <option value="">— none, I will upload a file —</option>
                  {demosOfKind.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
                </select>
              </div>
              <div className={errorAt("file") ? "field has-error" : "field"}>
                <label htmlFor="file">Or upload a file</label>
                <input id="file" name="file" type="file" accept={ACCEPT[kind]} disabled={Boolean(demoId)} aria-describedby="file-help" />
                <p className="help" id="file-help">
                  Accepted: {ACCEPT[kind]}.
                  {kind === "timetabling" ? (
                    <>
                      {" "}
                      A <strong>.fet</strong> file from FET (school timetables) is shown with its teachers, classes, lessons and constraints before you start. Spreadsheet templates with example rows:{" "}
                      <a href="/app/templates/timetabling.xlsx">XLSX template</a> · <a href="/app/templates/timetabling.csv">CSV template</a>.
                    </>
                  ) : null}
                </p>
                {errorAt("file") ? (
                  <p className="error" role="alert">
                    {errorAt("file")}
                  </p>
                ) : null}
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="name">Job name (optional)</label>
            <input id="name" name="name" maxLength={200} />
          </div>
          <div>
            <button className="button" type="submit" name="intent" value="validate" disabled={busy}>
              Validate
            </button>
          </div>
          {validation ? <ValidationSummary validation={validation} /> : null}
        </fieldset>

        <fieldset className="card stack">
          <legend className="label">3. Algorithm and parameters</legend>
          <div className="field">
            <label htmlFor="algorithm">Algorithm</label>
            <select id="algorithm" name="algorithm" value={algorithm.id} onChange={(e) => setAlgorithmId(e.currentTarget.value)} aria-describedby="algorithm-help">
              {entry.algorithms.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
              {RACE_KINDS.includes(kind) ? <option value={RACE_ALGORITHM}>{RACE_CHOICE.title}</option> : null}
            </select>
            <p className="help" id="algorithm-help">
              {algorithm.description}
            </p>
          </div>
          <div className={errorAt("budget") ? "field has-error" : "field"}>
            <label htmlFor="seconds">Time budget (seconds of compute)</label>
            <input id="seconds" name="seconds" type="number" min={1} max={loaded.budget.maxSeconds} step={1} defaultValue={loaded.budget.defaultSeconds} aria-describedby="seconds-help" />
            <p className="help" id="seconds-help">
              Your {loaded.budget.tier} plan runs a job up to {loaded.budget.maxSeconds} s. The job stops earlier when it cannot improve: a known optimum reached (a timetable with no violations, a TSP
              tour at its stated optimum) or no better solution for a quarter of the budget. The job page says why it stopped, and only the compute actually spent counts towards your usage.
            </p>
          </div>
          <div className={errorAt("budget") ? "field has-error" : "field"}>
            <label htmlFor="evaluations">Evaluation budget</label>
            <input id="evaluations" name="evaluations" type="number" min={1} step={1} placeholder="optional" aria-describedby="evaluations-help" />
            <p className="help" id="evaluations-help">
              Optional, instead of the time budget: exactly this many candidate solutions are evaluated (the same result on every replay).
            </p>
            {errorAt("budget") ? (
              <p className="error" role="alert">
                {errorAt("budget")}
              </p>
            ) : null}
          </div>
          <ParamsFields specs={algorithm.params} errors={problem?.errors ?? []} keyPrefix={`${kind}-${algorithm.id}`} />
        </fieldset>
        <div className="button-row">
          <button className="button primary" type="submit" name="intent" value="create" disabled={busy}>
            {busy ? "Working…" : "Start job"}
          </button>
        </div>
      </Form>
    </>
  );
}
