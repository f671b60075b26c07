// Types of scripts/dev-log.mjs (plain JavaScript, run by `node scripts/dev.mjs`).
export function isWranglerRequestLine(line: string): boolean;
export function forwardWithoutRequestLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void;
