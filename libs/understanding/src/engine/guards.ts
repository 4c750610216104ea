import { FOREIGN_STOPWORDS } from '../text/english';
import type { ErrorResult, RefuseResult } from './result.model';
import { MAX_REQUEST_CHARS } from './result.model';

/**
 * Hostile or unreadable input, checked before any parsing: empty text, text over the
 * length limit, no letters (emoji only), another language, pasted SQL / JSON / code, and
 * instructions to the machine instead of a description of customers.
 */

const SQL =
  /\b(select\s+[\w*,\s]+\s+from|insert\s+into|delete\s+from|drop\s+(table|database|schema)|update\s+\w+\s+set|truncate\s+table|union\s+(all\s+)?select|alter\s+table|create\s+table|exec(ute)?\s*\(|;\s*--|\bor\s+1\s*=\s*1\b|information_schema|xp_cmdshell)/i;
const INJECTION =
  /\b(ignore|disregard|forget|override)\b.{0,30}\b(all|any|previous|prior|above|your|the)\b.{0,20}\b(instructions?|rules?|prompts?|directions?|guidelines?)\b|\b(system prompt|jailbreak|developer mode|you are now|act as (an? )?(admin|root|dba))\b|\bdrop\s+table\b/i;
const CODE =
  /(<\s*script\b|<\/\w+>|\bfunction\s*\(|=>\s*\{|\bimport\s+\w+\s+from\b|\brequire\s*\(|\$\{|\bconsole\.log\b|\bprocess\.env\b|\brm\s+-rf\b|\bcurl\s+http)/i;

export function checkInput(text: unknown, opts: { editing?: boolean } = {}): ErrorResult | RefuseResult | undefined {
  if (typeof text !== 'string') return { status: 'error', code: 'invalid_input', message: 'the request must be text' };
  if (text.length > MAX_REQUEST_CHARS) {
    return {
      status: 'error',
      code: 'too_long',
      message: `the request is ${text.length} characters; the limit is ${MAX_REQUEST_CHARS}`,
    };
  }
  const trimmed = text.trim();
  if (!trimmed) return { status: 'refuse', reason: 'empty request', missing: [], nearest: [] };
  // A follow-up in an analyst's notation (">= 4", "> 300", "2025 -> 2024") has numbers and no words:
  // the edit grammar reads it against the current segment (and refuses what it cannot read).
  if (!/\p{L}/u.test(trimmed) && !(opts.editing && /\d/.test(trimmed))) {
    return {
      status: 'refuse',
      reason: 'the request has no words to read (only symbols, numbers or emoji)',
      missing: [trimmed.slice(0, 60)],
      nearest: [],
    };
  }
  const t = trimmed;
  // JSON or a segment pasted in
  if (/^\s*[[{]/.test(t) && /[\]}]\s*$/.test(t) && /"\s*:/.test(t)) {
    return {
      status: 'refuse',
      reason: 'the request looks like JSON; describe the customers in words',
      missing: ['JSON input'],
      nearest: [],
    };
  }
  if (SQL.test(t))
    return {
      status: 'refuse',
      reason: 'the request contains SQL; describe the customers in words instead',
      missing: ['SQL statement'],
      nearest: [],
    };
  if (INJECTION.test(t))
    return {
      status: 'refuse',
      reason: 'the request gives instructions to the system rather than describing customers',
      missing: ['instructions to the system'],
      nearest: [],
    };
  if (CODE.test(t))
    return {
      status: 'refuse',
      reason: 'the request contains code; describe the customers in words instead',
      missing: ['code'],
      nearest: [],
    };
  // another script or language
  const letters = [...t].filter((ch) => /\p{L}/u.test(ch));
  const latin = letters.filter((ch) => /[A-Za-z\u00C0-\u024F]/.test(ch));
  if (letters.length && latin.length / letters.length < 0.5) {
    return {
      status: 'refuse',
      reason: 'the request is not in English; I can only read English descriptions',
      missing: [],
      nearest: [],
    };
  }
  // (single letters are shorthand, "y/o", "w/": not a language's words)
  const words = (t.toLowerCase().match(/[\p{L}']+/gu) ?? []).filter((w) => w.length > 1);
  const foreign = words.filter((w) => FOREIGN_STOPWORDS.has(w)).length;
  const english = words.filter((w) => ENGLISH_MARKERS.has(w)).length;
  if (words.length >= 3 && foreign >= 2 && foreign > english) {
    return {
      status: 'refuse',
      reason: 'the request does not look like English; I can only read English descriptions',
      missing: [],
      nearest: [],
    };
  }
  return undefined;
}

const ENGLISH_MARKERS = new Set(
  'the who and or in of to a an with who have has bought customers people that which from last days months year not never but all any'.split(
    ' ',
  ),
);
