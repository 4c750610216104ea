import type { Problem, ProblemCode } from './verify-result.model';

/** Thrown (and caught by the verifier) once so many errors are found that more would not help. */
export class TooManyProblems {}

/** Gathers errors and warnings while a segment is checked. */
export class ProblemCollector {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];

  constructor(private readonly maxErrors = 100) {}

  error(path: string, code: ProblemCode, message: string, hint?: string): void {
    if (this.errors.length >= this.maxErrors) throw new TooManyProblems();
    this.errors.push(hint ? { path, code, message, hint } : { path, code, message });
  }

  warn(path: string, code: ProblemCode, message: string, hint?: string): void {
    if (this.warnings.length >= this.maxErrors) return;
    this.warnings.push(hint ? { path, code, message, hint } : { path, code, message });
  }

  get errorCount(): number {
    return this.errors.length;
  }
}
