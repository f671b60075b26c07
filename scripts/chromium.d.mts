export const CHROMIUM_PACKAGE: string;
export const CHROMIUM_CANDIDATES: string[];
export function chromiumPath(env?: Record<string, string | undefined>): string;
