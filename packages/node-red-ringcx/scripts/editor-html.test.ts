import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandEditorFile, writeEditorFiles } from './editor-html.ts';

describe('the editor files as built', () => {
  let src: string;

  beforeEach(async () => {
    src = await mkdtemp(join(tmpdir(), 'editor-html-'));
    await mkdir(join(src, 'partials'));
  });
  afterEach(() => rm(src, { recursive: true, force: true }));

  const write = (name: string, text: string) => writeFile(join(src, name), text);

  it('writes each node file with its partials in place, indented, nested, keyed by the node type', async () => {
    await write(
      'ringcx-demo.html',
      '<script type="text/html" data-template-name="ringcx-demo">\n  <!--#include file="partials/form.html" -->\n</script>\n',
    );
    await write('partials/form.html', '<!--#include file="row.html" -->\n<div id="fields"></div>\n');
    await write(
      'partials/row.html',
      '<div>\n  <span data-i18n="{{type}}.label.connection"></span>\n</div>\n',
    );
    const out = join(src, 'out');
    await writeEditorFiles(src, out);
    expect(await readFile(join(out, 'ringcx-demo.html'), 'utf8')).toBe(
      [
        '<script type="text/html" data-template-name="ringcx-demo">',
        '  <div>',
        '    <span data-i18n="ringcx-demo.label.connection"></span>',
        '  </div>',
        '  <div id="fields"></div>',
        '</script>',
        '',
      ].join('\n'),
    );
    // Partials are only read through the node files, never shipped on their own.
    await expect(readFile(join(out, 'form.html'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('fails the build naming the file whose include is missing', async () => {
    await write('ringcx-demo.html', '<!--#include file="partials/gone.html" -->\n');
    await expect(expandEditorFile(join(src, 'ringcx-demo.html'))).rejects.toThrow(
      /ringcx-demo\.html includes .*partials\/gone\.html, which cannot be read/,
    );
  });

  it('fails on a placeholder other than {{type}} and on a partial that includes itself', async () => {
    await write('ringcx-demo.html', '<!--#include file="partials/typo.html" -->\n');
    await write('partials/typo.html', '<span data-i18n="{{typ}}.label.name"></span>\n');
    await expect(expandEditorFile(join(src, 'ringcx-demo.html'))).rejects.toThrow(
      /typo\.html: unknown placeholder \{\{typ\}\}/,
    );
    await write('partials/typo.html', '<!--#include file="typo.html" -->\n');
    await expect(expandEditorFile(join(src, 'ringcx-demo.html'))).rejects.toThrow(/includes itself/);
  });
});
