import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

/** The text of every paragraph of a .docx (strictly parsed: malformed XML throws). */
export async function docxParagraphs(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml');
  const parser = new SaxesParser();
  const out: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  parser.on('opentag', (t) => {
    if (t.name === 'w:p') current = [];
    if (t.name === 'w:t') inText = true;
  });
  parser.on('text', (t) => {
    if (inText && current) current.push(t);
  });
  parser.on('closetag', (t) => {
    if (t.name === 'w:t') inText = false;
    if (t.name === 'w:p' && current) {
      out.push(current.join(''));
      current = null;
    }
  });
  parser.write(xml).close();
  for (const name of ['[Content_Types].xml', 'word/styles.xml', 'docProps/core.xml']) {
    const part = await zip.file(name)?.async('string');
    if (part === undefined) throw new Error(`no ${name}`);
    new SaxesParser().write(part).close();
  }
  return out;
}
