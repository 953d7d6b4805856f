/**
 * Reading an input file's bytes with one-line `InputError`s instead of Node's system errors
 * (missing file, a directory, no permission, empty file). Shared by every reader.
 */
import { readFileSync } from 'node:fs';
import { InputError } from './input-error.ts';

/** The whole file; throws InputError when it cannot be read or is empty. */
export function readInputBytes(file: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(file, describeFsError(error));
  }
  if (bytes.length === 0) throw new InputError(file, 'the file is empty (0 bytes)');
  return bytes;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `cannot read the file (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
