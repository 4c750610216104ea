import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSkillsDir, loadSkillsFrom, parseSkillFile } from './skill-loader';
import { SkillRegistry } from './skill-registry';

const SKILLS = defaultSkillsDir(__dirname);

describe('skills/ folder', () => {
  const registry = SkillRegistry.fromDirectory(SKILLS);

  it('loads create_segment, edit_segment and explain_segment with their contracts', () => {
    const ids = registry.list().map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['create_segment', 'edit_segment', 'explain_segment']));
    for (const s of registry.list()) {
      expect(s.version).toBeGreaterThanOrEqual(1);
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.input['type']).toBe('object');
      expect(s.output['type']).toBe('object');
    }
  });

  it.each([
    ['lapsed VIPs in Texas', false, 'create_segment'],
    ['show me platinum members', false, 'create_segment'],
    ['women who bought baby products', false, 'create_segment'],
    ['only gold members', true, 'edit_segment'],
    ['exclude Texas', true, 'edit_segment'],
    ['and also men', true, 'edit_segment'],
    ['explain this segment', true, 'explain_segment'],
    ['what does this mean?', true, 'explain_segment'],
    // without a current segment, edit and explain are not eligible
    ['only gold members', false, 'create_segment'],
    ['explain this', false, 'create_segment'],
  ])('routes %j (current segment: %s) to %s', (text, hasCurrent, expected) => {
    expect(registry.route(text, { hasCurrent }).skill.id).toBe(expected);
  });
});

describe('adding a skill is adding a folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-'));
    fs.cpSync(SKILLS, dir, { recursive: true });
    fs.cpSync(path.join(__dirname, '__fixtures__', 'segment_stats'), path.join(dir, 'segment_stats'), {
      recursive: true,
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('routes to a new skill folder with no code change', () => {
    const registry = SkillRegistry.fromDirectory(dir);
    expect(registry.get('segment_stats')?.description).toMatch(/Statistics/);
    const r = registry.route('what is the average order value of gold members', { hasCurrent: false });
    expect(r.skill.id).toBe('segment_stats');
    expect(r.matched).toContain('average');
    expect(registry.route('gold members in Ohio', { hasCurrent: false }).skill.id).toBe('create_segment');
  });
});

describe('SKILL.md validation names the file and the field', () => {
  const ok = (fm: string) => `---\n${fm}\n---\nbody`;
  const base =
    'id: x_skill\nversion: 1\ndescription: d\ntrigger: { keywords: [a] }\ninput: { type: object }\noutput: { type: object }';

  it('parses a valid file', () => {
    expect(parseSkillFile('f.md', ok(base)).trigger.keywords).toEqual(['a']);
  });

  it.each([
    ['front matter', 'no front matter here'],
    ['YAML', ok('id: [unclosed')],
    ['id', ok(base.replace('id: x_skill', 'id: X Skill'))],
    ['version', ok(base.replace('version: 1', 'version: one'))],
    ['description', ok(base.replace('description: d', 'description: ""'))],
    ['trigger', ok(base.replace('trigger: { keywords: [a] }', 'trigger: { keywords: [] }'))],
    ['trigger.regex', ok(base.replace('trigger: { keywords: [a] }', "trigger: { regex: ['(unclosed'] }"))],
    ['input', ok(base.replace('input: { type: object }', 'input: nothing'))],
    ['output', ok(base.replace('output: { type: object }', 'output: { }'))],
  ])('refuses a bad %s', (what, text) => {
    expect(() => parseSkillFile('skills/x_skill/SKILL.md', text)).toThrow(
      new RegExp(`skills/x_skill/SKILL.md: .*${what.split('.')[0]}`, 'i'),
    );
  });

  it('refuses an id that differs from its folder, and duplicate defaults', () => {
    expect(() => parseSkillFile('f.md', ok(base), 'other')).toThrow(/folder name/);
    const d = parseSkillFile('f.md', ok(base.replace('{ keywords: [a] }', '{ default: true }')));
    expect(() => new SkillRegistry([d, { ...d, id: 'y_skill' }])).toThrow(/default/);
  });

  it('loads nothing from folders without SKILL.md', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-empty-'));
    fs.mkdirSync(path.join(dir, 'notes'));
    expect(loadSkillsFrom(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });
});
