/**
 * Problem documents from files (CLI and uploads): the extension decides the reader.
 *   .tsp  → {"kind":"tsp","format":"tsplib","text":...,"name":<file stem>}
 *   .json → the parsed document (it names its own kind)
 *   .fet  → {"kind":"timetabling","format":"fet","text":...,"name":<file stem>} (FET school files, core/school)
 * Other kinds register their extensions with `registerFileReader` (timetabling: .ctt, .xlsx, .csv).
 * Works on bytes or text, with no Node APIs, so the Worker can call it on uploads.
 */
import { ProblemError } from "./engine/errors";
import { timetablingFileReaders } from "./timetabling/files";

export type FileReader = (bytes: Uint8Array, fileName: string) => unknown;

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const stem = (fileName: string) => (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, "");

const readers: Record<string, FileReader> = {
  ".tsp": (bytes, name) => ({ kind: "tsp", name: stem(name), format: "tsplib", text: decode(bytes) }),
  ".fet": (bytes, name) => ({ kind: "timetabling", format: "fet", name: stem(name), text: decode(bytes) }),
  ".json": (bytes) => {
    try {
      return JSON.parse(decode(bytes));
    } catch (e) {
      throw new ProblemError({ path: [], message: `not valid JSON (${(e as Error).message})` });
    }
  },
};

/** Add (or replace) the reader for an extension such as ".ctt" (lower case, with the dot). */
export function registerFileReader(extension: string, reader: FileReader): void {
  readers[extension.toLowerCase()] = reader;
}

// Timetabling's own formats (its .json reader is not used: .json documents carry their kind).
for (const ext of [".ctt", ".xlsx", ".csv"]) {
  const reader = timetablingFileReaders[ext];
  if (reader) registerFileReader(ext, reader);
}

/** Extensions with a reader, e.g. for an upload form's accept attribute. */
export function fileExtensions(): string[] {
  return Object.keys(readers).sort();
}

/** The problem document a file stands for; ProblemError for unknown extensions or bad content. */
export function problemFromFile(fileName: string, content: Uint8Array | string): unknown {
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0] ?? "";
  const reader = readers[ext];
  if (!reader) {
    throw new ProblemError({ path: ["file"], message: `unsupported file type "${ext || fileName}" (expected one of: ${fileExtensions().join(", ")})` });
  }
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return reader(bytes, fileName);
}
