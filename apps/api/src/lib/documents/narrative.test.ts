import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNarrative, parseNarrative } from './narrative.js';
import type { DocBlock } from './official-document.js';

describe('parseNarrative', () => {
  it('reads the four GB/T 9704 heading levels, full- and half-width, and paragraphs', () => {
    const text = '一、总体情况\n本旬全市运行平稳。\n（一）指标完成情况\n(二)半角括号也是二级标题\n1.进度较快\n2．全角句点\n（1）落后指标\n(2)半角\n十二、第十二部分';
    expect(parseNarrative(text).map((b) => (b.kind === 'heading' ? b.level : 'p'))).toEqual([1, 'p', 2, 2, 3, 3, 4, 4, 1]);
  });

  it('keeps a sentence that starts with a decimal number a paragraph', () => {
    expect(parseNarrative('1.5亿元资金已全部到位。')).toEqual([{ kind: 'paragraph', text: '1.5亿元资金已全部到位。' }]);
    expect(parseNarrative('2021年全市完成投资。')[0]!.kind).toBe('paragraph');
  });

  it('drops blank lines and the spaces people indent with, and takes any line ending', () => {
    expect(parseNarrative('\u3000\u3000一、总体情况\r\n\r\n   正文一段。  \r二、要求\n')).toEqual([
      { kind: 'heading', level: 1, text: '一、总体情况' },
      { kind: 'paragraph', text: '正文一段。' },
      { kind: 'heading', level: 1, text: '二、要求' },
    ]);
  });
});

describe('formatNarrative', () => {
  it('writes one line a block and leaves figures out', () => {
    const blocks: DocBlock[] = [
      { kind: 'heading', level: 1, text: '一、总体情况' },
      { kind: 'table', caption: '表1', columns: [{ header: 'a' }], rows: [[1]] },
      { kind: 'paragraph', text: '正文。' },
    ];
    expect(formatNarrative(blocks)).toBe('一、总体情况\n正文。');
  });

  it('is the inverse of parseNarrative for headings and paragraphs', () => {
    const cn = fc.constantFrom('一', '二', '三', '十', '十一');
    const words = fc.array(fc.constantFrom('工作', '进度', '落后', '整改', '，', '。', '2021年', '87.6%'), { minLength: 1, maxLength: 6 }).map((w) => w.join(''));
    const block: fc.Arbitrary<DocBlock> = fc.oneof(
      fc.tuple(cn, words).map(([n, w]) => ({ kind: 'heading' as const, level: 1 as const, text: `${n}、${w}` })),
      fc.tuple(cn, words).map(([n, w]) => ({ kind: 'heading' as const, level: 2 as const, text: `（${n}）${w}` })),
      fc.tuple(fc.integer({ min: 1, max: 20 }), words).map(([n, w]) => ({ kind: 'heading' as const, level: 3 as const, text: `${n}.${w.replace(/^\d/, '项')}` })),
      fc.tuple(fc.integer({ min: 1, max: 20 }), words).map(([n, w]) => ({ kind: 'heading' as const, level: 4 as const, text: `（${n}）${w}` })),
      words.map((w) => ({ kind: 'paragraph' as const, text: `本旬${w}` })),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 12 }), (blocks) => {
        expect(parseNarrative(formatNarrative(blocks))).toEqual(blocks);
      }),
    );
  });
});
