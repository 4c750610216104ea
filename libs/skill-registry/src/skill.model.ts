/** A skill's contract, read from skills/<id>/SKILL.md front matter. */
export interface SkillTrigger {
  /** Words or phrases; each one found in the request (whole words, case-insensitive) scores 1. */
  keywords?: string[];
  /** Regular expressions (case-insensitive); each match scores 2. */
  regex?: string[];
  /** Only eligible when the conversation already has a segment. */
  requires_current?: boolean;
  /** Chosen when no skill's trigger matches (at most one default). */
  default?: boolean;
  /** Breaks ties between equal scores (higher wins). */
  priority?: number;
}

export interface SkillDefinition {
  id: string;
  version: number;
  description: string;
  trigger: SkillTrigger;
  /** JSON Schema of the skill's input. */
  input: Record<string, unknown>;
  /** JSON Schema of the skill's output. */
  output: Record<string, unknown>;
  /** The Markdown body after the front matter (instructions, examples). */
  body: string;
  /** Where it was read from. */
  file: string;
}

export interface RouteContext {
  /** Whether the conversation has a current segment (edit and explain need one). */
  hasCurrent: boolean;
}

export interface RouteResult {
  skill: SkillDefinition;
  score: number;
  /** What matched (keywords and patterns), or ['default']. */
  matched: string[];
}
