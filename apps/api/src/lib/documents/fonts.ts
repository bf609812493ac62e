import { FONT } from './gbt9704.js';

/**
 * Where the standard 公文 fonts come from on each side.
 *
 * In the .docx every run names the standard font (仿宋_GB2312 …). Its font table gives each one the
 * Windows font that stands in where the GB2312-era font is not installed (Word and WPS on a current
 * office PC have 仿宋 / 楷体 / 黑体 / 宋体 but rarely 仿宋_GB2312 or 方正小标宋简体), with the GB2312
 * character set and PANOSE class so that their own substitution picks a font of the same kind.
 *
 * For the PDF, LibreOffice runs with a fontconfig file of ours that maps the same names to Debian's
 * fonts-noto-cjk: the Song/Fang/Kai families to Noto Serif CJK SC (小标宋 in its bold weight),
 * 黑体 to Noto Sans CJK SC. A server that has the real fonts installed uses them first.
 */
export const FONT_FALLBACKS: Record<(typeof FONT)[keyof typeof FONT], { windows: string; panose: string; noto: string; bold?: boolean }> = {
  [FONT.fangsong]: { windows: '仿宋', panose: '02010609030101010101', noto: 'Noto Serif CJK SC' },
  [FONT.xiaobiaosong]: { windows: '华文中宋', panose: '02010600040101010101', noto: 'Noto Serif CJK SC', bold: true },
  [FONT.hei]: { windows: 'SimHei', panose: '02010609060101010101', noto: 'Noto Sans CJK SC' },
  [FONT.kai]: { windows: '楷体', panose: '02010609030101010101', noto: 'Noto Serif CJK SC' },
  [FONT.song]: { windows: 'SimSun', panose: '02010600030101010101', noto: 'Noto Serif CJK SC' },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** word/fontTable.xml: each standard font with its stand-in (altName), the GB2312 charset (86) and PANOSE class. */
export function fontTableXml(): string {
  const fonts = Object.entries(FONT_FALLBACKS)
    .map(
      ([name, f]) =>
        `<w:font w:name="${esc(name)}"><w:altName w:val="${esc(f.windows)}"/><w:panose1 w:val="${f.panose}"/>` +
        `<w:charset w:val="86"/><w:family w:val="${name === FONT.hei ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

/**
 * The fontconfig file LibreOffice converts with: the system's configuration plus our names. `accept`
 * puts the Noto family right after the asked-for name, so an installed 仿宋_GB2312 still wins.
 */
export function fontconfigXml(systemConf = '/etc/fonts/fonts.conf'): string {
  const rules = Object.entries(FONT_FALLBACKS)
    .map(([name, f]) => {
      const alias = `  <alias binding="strong"><family>${esc(name)}</family><accept><family>${f.noto}</family></accept></alias>`;
      // 小标宋 is a heavy face: where Noto stands in for it, ask for its bold weight.
      const weight = f.bold
        ? `\n  <match target="pattern"><test name="family" qual="first"><string>${esc(name)}</string></test><edit name="weight" mode="assign"><const>bold</const></edit></match>`
        : '';
      return alias + weight;
    })
    .join('\n');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">${esc(systemConf)}</include>
${rules}
</fontconfig>
`;
}
