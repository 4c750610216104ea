import * as path from 'node:path';
import { SkillRegistry } from '@smartseg/skill-registry';

/** The edit_segment skill's triggers (skills/edit_segment/SKILL.md) take the follow-ups the edit grammar reads. */
describe('edit_segment triggers', () => {
  const registry = SkillRegistry.fromDirectory(path.resolve(__dirname, '../../../../skills'));
  it.each([
    'redo',
    'put Arizona back in',
    'flip the coupon part',
    'negate the purchase part',
    'bump the upper limit to ten thousand',
    'nvm on the region, make it gold tier instead',
    'how about Ohio?',
    'keep Texas and drop the rest',
    'double it',
    'add the next band up',
    'lol no women',
    "doesn't matter if they have kids",
    'age doesnt matter',
    'whatever gender',
    'ever, not just 90 days',
    'scratch that, lapsed customers in the west',
    'never used one',
    'texas not california',
    'a bit older, like 25-35',
    'nah 30-45',
    'women',
    '30-45',
    'count lapsed as 120 days here',
    'vip = platinum only for this one',
    'lapsed means nothing for 200 days',
    'the rest of the gold members',
    'Of these, exclude anyone who returned something in the last 90 days.',
    'I only want those who are subscribed to email.',
    "Let's focus on the ones with high churn risk.",
    'Could you limit that to people living in California?',
    'sort by spend',
    'window -> 60d',
    '+ 100-150k',
    '- dallas',
    '& > $1k spend this year',
  ])('routes %j to edit_segment when there is a segment', (text) => {
    expect(registry.route(text, { hasCurrent: true }).skill.id).toBe('edit_segment');
  });
  it.each(['lapsed VIPs in Texas', 'explain this segment'])('leaves %j to the other skills', (text) => {
    expect(registry.route(text, { hasCurrent: true }).skill.id).not.toBe('edit_segment');
  });
});
