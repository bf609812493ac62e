import type { DocBlock, HeadingLevel } from './official-document.js';

/**
 * Narrative text as offices write it: one block a line, and a line that starts with a GB/T 9704
 * structure number is a heading of that level — 一、 (1), （一） (2), 1. (3), （1） (4). Half-width
 * parentheses and the full-width full stop (1．) are taken too, as people type them.
 */
const CN = '[一二三四五六七八九十百零〇]+';
const LEVELS: [HeadingLevel, RegExp][] = [
  [1, new RegExp(`^${CN}、`)],
  [2, new RegExp(`^[（(]${CN}[）)]`)],
  // "1.5亿元" starts a sentence, not a heading: the number must not run on into a decimal.
  [3, /^\d{1,2}[.．](?!\d)/],
  [4, /^[（(]\d{1,2}[）)]/],
];

/** The heading level a line's number gives it, or null for a paragraph. */
export function headingLevel(line: string): HeadingLevel | null {
  for (const [level, re] of LEVELS) if (re.test(line)) return level;
  return null;
}

/** Leading spaces, full-width spaces and tabs that people indent with are not part of the text. */
const trimLine = (s: string) => s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');

/** Text → blocks: each non-empty line one heading or paragraph, in order. */
export function parseNarrative(text: string): DocBlock[] {
  return text
    .split(/\r\n|\r|\n/)
    .map(trimLine)
    .filter((l) => l.length > 0)
    .map((l): DocBlock => {
      const level = headingLevel(l);
      return level ? { kind: 'heading', level, text: l } : { kind: 'paragraph', text: l };
    });
}

/** Blocks → text an office edits: one line a block; tables and pictures are figures, not narrative, and are left out. */
export function formatNarrative(blocks: DocBlock[]): string {
  return blocks
    .flatMap((b) => (b.kind === 'heading' || b.kind === 'paragraph' ? [b.text] : []))
    .join('\n');
}
