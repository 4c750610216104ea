import * as fs from 'node:fs';
import { ErrorCode, SmartsegError } from '@smartseg/common';

/** Reads a JSON file ('-' for stdin); bad JSON is a typed error naming the file and position. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SmartsegError(
      ErrorCode.BadInput,
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? 'error'})`,
      [{ path: file, message: code === 'ENOENT' ? 'no such file' : 'cannot read' }],
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message.replace(/^JSON\.parse: /, '');
    throw new SmartsegError(ErrorCode.InvalidJson, `${file}: not valid JSON (${message})`, [
      { path: file, message: `not valid JSON: ${message}` },
    ]);
  }
}
