import { randomUUID } from 'node:crypto';

export const nowIso = (): string => new Date().toISOString();
export const newId = (): string => randomUUID();

/** Tenant ids are slugs (they name files): 2-64 of a-z, 0-9, '-', '_', starting with a letter or digit. */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{1,63}$/;
