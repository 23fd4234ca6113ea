import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

// Node-RED reads one editor file per node, next to its `.js`, so the form rows the nodes share are
// kept once, as partials, and the build writes them into each node's file. A line
// `<!--#include file="partials/x.html" -->` stands for that file, resolved from the including file
// and indented as the line is (partials may include others); `{{type}}` in a partial stands for the
// node type, the editor file's name, which prefixes the node's catalog keys.
const INCLUDE = /^([ \t]*)<!--#include file="([^"]+)" -->$/gm;
const PLACEHOLDER = /\{\{(\w*)\}\}/g;

/** The editor file `file` with its includes expanded, as Node-RED is to read it. */
export async function expandEditorFile(file: string): Promise<string> {
  return expand(resolve(file), basename(file, '.html'), []);
}

async function expand(file: string, type: string, including: string[]): Promise<string> {
  if (including.includes(file)) {
    throw new Error(`${[...including, file].join(' includes ')}: an editor partial includes itself`);
  }
  const source = await readFile(file, 'utf8').catch((error: Error) => {
    const by = including.at(-1);
    throw by ? new Error(`${by} includes ${file}, which cannot be read: ${error.message}`) : error;
  });
  const parts: Array<string | Promise<string>> = [];
  let last = 0;
  for (const match of source.matchAll(INCLUDE)) {
    const [line, indent = '', target = ''] = match;
    parts.push(source.slice(last, match.index));
    parts.push(
      expand(join(dirname(file), target), type, [...including, file]).then((text) =>
        text
          .trimEnd()
          .split('\n')
          .map((row) => (row ? indent + row : row))
          .join('\n'),
      ),
    );
    last = match.index + line.length;
  }
  parts.push(source.slice(last));
  return (await Promise.all(parts)).join('').replace(PLACEHOLDER, (placeholder, name: string) => {
    if (name !== 'type')
      throw new Error(`${file}: unknown placeholder ${placeholder}; only {{type}} is known`);
    return type;
  });
}

/** Writes every editor file of `from` (partials, in folders below it, excluded) expanded into `to`. */
export async function writeEditorFiles(from: string, to: string): Promise<void> {
  const files = (await readdir(from)).filter((name) => name.endsWith('.html'));
  await mkdir(to, { recursive: true });
  await Promise.all(
    files.map(async (name) => writeFile(join(to, name), await expandEditorFile(join(from, name)))),
  );
}
