import { ErrorCode, SmartsegError } from '@smartseg/common';

/** Exit codes of every smartseg command (spec section 3). */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** A problem with the command line itself (unknown option, missing argument). */
export function usageError(message: string): SmartsegError {
  return new SmartsegError(ErrorCode.BadInput, message);
}

/**
 * Maps any failure to an exit code and one line on stderr: bad input exits 2 with the
 * problem and its path; anything else exits 1 with a short message (no stack trace unless
 * SMARTSEG_DEBUG is set).
 */
export function reportFailure(error: unknown, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): number {
  if (error instanceof SmartsegError) {
    write(error.toLine());
    return error.isClientError ? EXIT_BAD_INPUT : EXIT_INTERNAL;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`${ErrorCode.Internal}: ${message}`);
  if (process.env['SMARTSEG_DEBUG'] && error instanceof Error && error.stack) write(error.stack);
  return EXIT_INTERNAL;
}
