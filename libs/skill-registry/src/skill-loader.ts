import * as fs from 'node:fs';
import * as path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import type { SkillDefinition, SkillTrigger } from './skill.model';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const SKILL_ID = /^[a-z][a-z0-9_]{1,63}$/;

function bad(file: string, message: string): SmartsegError {
  return new SmartsegError(ErrorCode.ConfigInvalid, `${file}: ${message}`, [{ path: file, message }]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, file: string, field: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.trim().length > 0)) {
    throw bad(file, `${field} must be a list of non-empty strings`);
  }
  return v.map((x: string) => x.trim());
}

/** Parses one SKILL.md; throws CONFIG_INVALID naming the file and the field when it is wrong. */
export function parseSkillFile(file: string, text: string, folderName?: string): SkillDefinition {
  const m = FRONT_MATTER.exec(text);
  if (!m) throw bad(file, 'missing front matter (a block between --- lines at the top)');
  let fm: unknown;
  try {
    fm = loadYaml(m[1]!);
  } catch (e) {
    throw bad(file, `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObject(fm)) throw bad(file, 'front matter must be a mapping');
  const { id, version, description, trigger, input, output } = fm;
  if (typeof id !== 'string' || !SKILL_ID.test(id)) throw bad(file, 'id must match ^[a-z][a-z0-9_]{1,63}$');
  if (folderName !== undefined && folderName !== id)
    throw bad(file, `id '${id}' must equal its folder name '${folderName}'`);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw bad(file, 'version must be a positive integer');
  if (typeof description !== 'string' || description.trim() === '') throw bad(file, 'description is required');
  if (!isObject(trigger)) throw bad(file, 'trigger must be a mapping with keywords and/or regex');
  const t: SkillTrigger = {};
  const keywords = stringList(trigger['keywords'], file, 'trigger.keywords');
  const regex = stringList(trigger['regex'], file, 'trigger.regex');
  if (keywords) t.keywords = keywords;
  if (regex) {
    for (const r of regex) {
      try {
        new RegExp(r, 'i');
      } catch {
        throw bad(file, `trigger.regex '${r}' is not a valid regular expression`);
      }
    }
    t.regex = regex;
  }
  for (const flag of ['requires_current', 'default'] as const) {
    const v = trigger[flag];
    if (v !== undefined && typeof v !== 'boolean') throw bad(file, `trigger.${flag} must be true or false`);
    if (v !== undefined) t[flag] = v as boolean;
  }
  if (trigger['priority'] !== undefined) {
    if (typeof trigger['priority'] !== 'number') throw bad(file, 'trigger.priority must be a number');
    t.priority = trigger['priority'];
  }
  if (!t.keywords?.length && !t.regex?.length && !t.default)
    throw bad(file, 'trigger needs keywords, regex or default: true');
  if (!isObject(input) || typeof input['type'] !== 'string')
    throw bad(file, 'input must be a JSON Schema (a mapping with a type)');
  if (!isObject(output) || typeof output['type'] !== 'string')
    throw bad(file, 'output must be a JSON Schema (a mapping with a type)');
  return { id, version, description: description.trim(), trigger: t, input, output, body: m[2]!.trim(), file };
}

/** Reads every `<dir>/<id>/SKILL.md`. Folders without a SKILL.md are ignored. */
export function loadSkillsFrom(dir: string): SkillDefinition[] {
  if (!fs.existsSync(dir)) throw new SmartsegError(ErrorCode.ConfigInvalid, `Skills folder not found: ${dir}`);
  const skills: SkillDefinition[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const file = path.join(dir, entry.name, 'SKILL.md');
    if (!fs.existsSync(file)) continue;
    skills.push(parseSkillFile(file, fs.readFileSync(file, 'utf8'), entry.name));
  }
  return skills;
}

/** The repository's skills/ folder, found by walking up from `from` (works from src and dist). */
export function defaultSkillsDir(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'skills');
    if (fs.existsSync(path.join(candidate, 'create_segment', 'SKILL.md'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(process.cwd(), 'skills');
    dir = parent;
  }
}
