import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { loadSkillsFrom } from './skill-loader';
import type { RouteContext, RouteResult, SkillDefinition } from './skill.model';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledSkill {
  skill: SkillDefinition;
  keywords: { word: string; re: RegExp }[];
  patterns: { source: string; re: RegExp }[];
}

/**
 * Which capability answers: skills loaded from SKILL.md files, chosen by their triggers.
 * Adding a skill is adding a folder; routing needs no code change.
 */
export class SkillRegistry {
  private readonly compiled: CompiledSkill[];

  constructor(skills: readonly SkillDefinition[]) {
    const ids = new Set<string>();
    for (const s of skills) {
      if (ids.has(s.id)) throw new SmartsegError(ErrorCode.ConfigInvalid, `Two skills share the id '${s.id}'`);
      ids.add(s.id);
    }
    const defaults = skills.filter((s) => s.trigger.default);
    if (defaults.length > 1)
      throw new SmartsegError(
        ErrorCode.ConfigInvalid,
        `Only one skill may be the default (${defaults.map((s) => s.id).join(', ')})`,
      );
    this.compiled = skills.map((skill) => ({
      skill,
      keywords: (skill.trigger.keywords ?? []).map((word) => ({
        word,
        re: new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegex(word.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'iu'),
      })),
      patterns: (skill.trigger.regex ?? []).map((source) => ({ source, re: new RegExp(source, 'i') })),
    }));
  }

  static fromDirectory(dir: string): SkillRegistry {
    return new SkillRegistry(loadSkillsFrom(dir));
  }

  list(): SkillDefinition[] {
    return this.compiled.map((c) => c.skill);
  }

  get(id: string): SkillDefinition | undefined {
    return this.compiled.find((c) => c.skill.id === id)?.skill;
  }

  /** Scores every eligible skill against the text; the best wins (then priority, then id). */
  route(text: string, context: RouteContext): RouteResult {
    const t = text.toLowerCase();
    let best: RouteResult | undefined;
    for (const c of this.compiled) {
      if (c.skill.trigger.requires_current && !context.hasCurrent) continue;
      const matched: string[] = [];
      let score = 0;
      for (const k of c.keywords) {
        if (!k.re.test(t)) continue;
        score += 1;
        matched.push(k.word);
      }
      for (const p of c.patterns) {
        if (!p.re.test(text)) continue;
        score += 2;
        matched.push(`/${p.source}/`);
      }
      if (score === 0) continue;
      const candidate = { skill: c.skill, score, matched };
      if (!best || this.better(candidate, best)) best = candidate;
    }
    if (best) return best;
    const fallback = this.compiled.find(
      (c) => c.skill.trigger.default && (!c.skill.trigger.requires_current || context.hasCurrent),
    );
    if (!fallback) throw new SmartsegError(ErrorCode.BadInput, 'No skill can answer this request');
    return { skill: fallback.skill, score: 0, matched: ['default'] };
  }

  private better(a: RouteResult, b: RouteResult): boolean {
    if (a.score !== b.score) return a.score > b.score;
    const pa = a.skill.trigger.priority ?? 0;
    const pb = b.skill.trigger.priority ?? 0;
    if (pa !== pb) return pa > pb;
    return a.skill.id < b.skill.id;
  }
}
