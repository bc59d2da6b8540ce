/** The last non-empty line of a command's output, trimmed: kubectl puts its verdict there. */
export function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}
