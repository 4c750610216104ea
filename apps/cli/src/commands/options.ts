import { ErrorCode, SmartsegError } from '@smartseg/common';

export function parseIntOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new SmartsegError(ErrorCode.BadInput, `${name}: "${value}" must be a whole number from ${min} to ${max}`, [
      { path: name, message: `expected a whole number from ${min} to ${max}` },
    ]);
  }
  return n;
}

export const DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark', 'trino'] as const;
export type CliDialect = (typeof DIALECTS)[number];

export function parseDialect(value: string): CliDialect {
  if ((DIALECTS as readonly string[]).includes(value)) return value as CliDialect;
  throw new SmartsegError(ErrorCode.BadInput, `--dialect: "${value}" is not one of ${DIALECTS.join(', ')}`, [
    { path: '--dialect', message: `expected one of ${DIALECTS.join(', ')}` },
  ]);
}
