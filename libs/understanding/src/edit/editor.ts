import type {
  Catalog,
  ItemFilter,
  OrderFilter,
  PurchaseCondition,
  Segment,
  SegmentNode,
  Threshold,
  Window,
} from '@smartseg/segment-engine';
import { SEGMENT_VERSION } from '@smartseg/segment-engine';
import { SegmentBuilder, type NodeMeta } from '../build/builder';
import type { Change, UnderstandingResult } from '../engine/result.model';
import type { UnderstandContext, UnderstandingEngine } from '../engine/understanding-engine';
import type { Chunk } from '../parse/chunker';
import { has } from '../parse/chunker';
import { windowToDateAttr } from '../parse/parser';
import { verify } from '../engine/verify.adapter';
import { refusal } from '../verify/assess';
import { FILLER_WORDS } from '../text/english';

/**
 * Conversation: a follow-up turn edits the current segment. It may replace a value, a window
 * or a threshold ("make it California instead", "last 6 months instead", "bump the threshold
 * to two thousand"), widen or narrow ("expand to all of Texas", "specifically camping"), add
 * ("only the ones who used a coupon", "also NJ"), exclude ("exclude employees", "but not
 * platinum") or drop a condition ("forget the region", "remove the age filter"). A turn that
 * is a complete new description starts a new segment instead.
 */

type Mode = 'remove' | 'replace' | 'exclude' | 'extend' | 'add' | 'negate';

interface Marker {
  re: RegExp;
  mode: Mode;
}

/** "the ones who did NOT", "those who haven't": nothing more said. */
const NEGATED_PEOPLE =
  /^(?:the\s+)?(?:ones|those|people|customers|folks)?\s*(?:who|that)\s+(?:did ?n[o']?t|didn'?t|have ?n[o']?t|haven'?t|has ?n[o']?t|hasn'?t|do ?n[o']?t|don'?t|are ?n[o']?t|aren'?t|were ?n[o']?t|weren'?t|never did)\s*[.!]*$/i;

/** "flip it", "negate the purchase part", "the opposite of the coupon bit", "invert the churn condition". */
const NEGATE =
  /^(?:now\s+)?(?:(?:the\s+)?opposite(?:\s+of)?|flip|reverse|invert|negate|turn around)\b(?:\s+(?:it|that|this)\b)?/i;

/** "same but for men", "the same thing except for Ohio", "same segment, but silver". */
const SAME_BUT =
  /^(?:the\s+)?same(?:\s+(?:thing|segment|one|people|audience|list|group|crowd|set|customers|folks|again))?\s*,?\s*(?:but|except|only)\s+(?:(?:for|with|in)\s+)?/i;

/** Words that say how the turn changes the segment (stripped before the rest is read). */
const MARKERS: readonly Marker[] = [
  {
    re: /^(?:please\s+)?(?:remove|drop|take out|filter out|get rid of|suppress|leave out|kick out)\s+(?:anyone|everyone|anybody|everybody|those|(?:the\s+|all\s+(?:the\s+)?)?(?:people|customers|shoppers|buyers|folks|ones)|all|any)\b/i,
    mode: 'exclude',
  },
  {
    re: /^(?:please\s+)?(?:drop|remove|forget(?: about)?|delete|get rid of|lose|take out|take off|ditch|scrap|clear|ignore|skip|no need for|don'?t need|do not need|never ?mind(?: on| about)?)\b/i,
    mode: 'remove',
  },
  { re: /^(?:and\s+)?without the\b/i, mode: 'remove' },
  {
    re: /^(?:no|with no|without any|without a)\s+(?:\w+[\s-]){0,2}(?:limit|filter|restriction|requirement|condition|criteria|window|cap|constraint)s?\b/i,
    mode: 'remove',
  },
  { re: NEGATE, mode: 'negate' },
  // "the ones who did NOT", "those who haven't": the behaviour there, turned around
  { re: NEGATED_PEOPLE, mode: 'negate' },
  {
    re: /^(?:and\s+|but\s+|also\s+|now\s+)?(?:exclude|excluding|except|minus|but not|not|leave out|filter out|without)\b/i,
    mode: 'exclude',
  },
  { re: /^(?:please\s+)?(?:add|also|plus|include|and also|as well as)\b/i, mode: 'extend' },
  // "same but for men", "same thing except in Ohio": the rest takes the place of what it matches
  { re: SAME_BUT, mode: 'replace' },
  // "what about Ohio?": the same people there instead ("what about Ohio too?": there as well)
  { re: /^(?:what|how) about\b(?!.*\b(?:too|also|as well|and)\b)/i, mode: 'replace' },
  {
    // ("what about men instead" replaces)
    re: /^(?:and|or|plus|what about|how about)\s+(?!.*\b(?:instead|rather than)\b)(?!only\b|just\b|who\b|that\b|with\b|those\b|the ones\b|not\b|exclude|except|without)/i,
    mode: 'extend',
  },
  { re: /\b(?:too|as well|also)\s*[.!?]*$/i, mode: 'extend' },
  {
    re: /\binstead\b|\brather than\b|\bi meant\b|\bswap\b|\bswitch\b|\breplace\b|\bchange\b|\bmake (?:it|that|this|the)\b|\bset (?:it|that|the)\b|\bbump\b|\braise\b|\blower\b|\bincrease\b|\bdecrease\b|\bwiden\b|\bexpand\b|\bbroaden\b|\bnarrow\b|\btighten\b|\bloosen\b|\bspecifically\b|\bactually use\b|\bgo with\b|\buse\b/i,
    mode: 'replace',
  },
  {
    re: /^(?:and\s+|but\s+|ok(?:ay)?\s+|now\s+)*(?:only|just|limit(?: it)? to|restrict(?: it)? to|keep only|narrow (?:it )?(?:down )?to|of those|among them|and|who|that|with|where)\b/i,
    mode: 'add',
  },
];

/** A follow-up that starts with a preposition or a channel word is about the purchase there ("only in the app"). */
const PREP_START = /^(?:in|on|via|through|for|with|using|paying|paid|at|by|from|online|offline)\b/i;

const LEAD_NOISE =
  /^(?:(?:ok(?:ay)?|k+|oops|hmm+|um+|uh+|hm+|lol|lmao|haha|oh|ah|yeah|yep|ya|meh|actually|wait|so|well|right|now|yes|great|cool|thanks|thank you|nice|sorry|then|hey|perfect|looks good|good|alright|all right|also,)\b[\s,.!-]*|(?:what if|how about if|and if|can|could|would|will) (?:we|you|i)\b\s*(?:please\s+)?|let'?s\s+|let us\s+|i(?:'d| would)? (?:like|want|need) (?:to|you to)\s+|we (?:should|need to|want to)\s+|go ahead and\s+|please\s+)+/i;

/** "forget the time limit", "remove the window", "any time", "all time", "ever": the windows go. */
const WINDOW_WORDS =
  /^(?:the\s+)?(?:time|date|day)s?(?:[\s-]*(?:limit|window|frame|range|period|filter|restriction|constraint|cutoff|part|condition|bit))*$|^(?:the\s+)?(?:window|timeframe|time ?frame|date range|lookback|look-back|lookback window|recency window|period)s?$/i;
const NO_WINDOW =
  /^(?:(?:at\s+|over\s+|in\s+|for\s+)?any ?time(?:\s+(?:period|frame|window|range))?|(?:across |over |for |in |at )?all(?: of)?[\s-]time|ever|over all (?:of )?(?:their |the )?history|(?:in |across |over )?(?:their |the )?(?:whole |entire |full )?(?:history|lifetime))\s*(?:instead)?[.!?]*$/i;

/** "actually ...", "no wait ...", "sorry, I meant ...": the turn corrects the one before. */
const CORRECTIVE =
  /^\s*(?:(?:ok(?:ay)?|oh|hmm+|um+|sorry|oops|wait|so|lol|lmao|haha|ugh)[\s,.!-]+)*(?:actually|no\b|nope|nah\b|sorry|oops|i meant|rather|scratch that|(?:never ?mind|nvm)\s*[,;:.!\u2014\u2013-])/i;

/** "the rest of Illinois", "all of Texas": the place said takes in the one there. */
const WIDEN = /\b(?:the rest of|rest of|all of|the whole(?: of)?|the entire|entire|anywhere in|all over)\b/i;

/** Markers of one more thing ("add", "also", "plus"), before what is added. */
const EXTEND_LEAD = /^(?:please\s+)?(?:and also|as well as|add|also|plus|include|and|or)\s+(?:include\s+|add\s+)?/i;

/** "anyone who ...", "people in ...": a turn that adds people rather than a condition on them. */
const NEW_PEOPLE =
  /^(?:anyone|everyone|anybody|everybody|all (?:the )?(?:people|customers|shoppers)|people|customers|shoppers|folks|those|the ones|others)\b/i;

/** "no wait,", "actually no -", "nope,": the turn corrects the last one (what follows says how). */
const FILLER_NO = /^(?:lol|lmao|haha|oh|ugh|oops)[\s,.!]+(?:no|nope|nah)\b[\s,;:.!\u2014\u2013-]*/i;
const CORRECTION =
  /^(?:(?:no|nope|nah|wrong|not that)\b(?:[\s,]+wait\b)?\s*[,;:.!\u2014\u2013-]+\s*|no wait\b[\s,;:.!\u2014\u2013-]*)/i;

/** "any gender actually, just parents": a facet dropped, then more said. */
const ANY_CLAUSE =
  /^any\s+([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s*(?:actually|then|instead|either|at all)?\s*[,;:\u2014\u2013]\s*(?:and\s+|but\s+|actually\s+)?(.+)$/i;

/** "forget the shoes, just Texas gold members": a condition dropped, then more said. */
const DROP_CLAUSE =
  /^((?:forget(?: about)?|drop|remove|lose|ditch|scrap|skip|never ?mind(?: on| about)?|get rid of|no need for)\s+[^,;:\u2014\u2013]+?)\s*[,;:\u2014\u2013]\s*(?:and\s+|but\s+|actually\s+|then\s+)?(.+)$/i;

/** "not use our normal lapsed rule here: use no purchase in 180 days" (the old part, then the new). */
const NOT_USE =
  /^(?:not|don'?t|do not|never|stop|no longer)\s+(?:use|using|apply|applying|go with)\s+(.+?)(?:\s+(?:here|this time|for this(?: one)?|now))?\s*[:;,\u2014\u2013-]+\s*(?:(?:and\s+)?(?:instead\s*,?\s*)?(?:just\s+)?(?:use|try|go with|apply)\s+)?(.+)$/i;

/** "instead of the lapsed rule, use no purchase in 180 days". */
const INSTEAD_OF_FIRST =
  /^(?:instead of|rather than|in place of)\s+(.+?)(?:\s*[,;:\u2014\u2013]\s*(?:(?:just\s+)?(?:use|try|go with|apply)\s+)?|\s+(?:just\s+)?(?:use|try|go with|apply|make it|do)\s+)(.+)$/i;

/** "scratch that, men in Ohio", "forget that - gold members": the last turn taken back, then the rest. */
const SCRATCH =
  /^(?:scratch|forget|ignore|never ?mind|cancel|disregard)\s+(?:that|this|it|all (?:that|this)|everything|the last (?:one|turn|bit))\s*[,;:.!\u2014\u2013-]+\s*(?:and\s+|instead\s*,?\s*|just\s+)?(\S.*)$/i;
/** After "scratch that" on the first segment, words that still edit it ("scratch that, only gold"). */
const SCRATCH_EDIT =
  /^(?:make|change|set|only|just|add|also|drop|remove|swap|switch|replace|instead|and|but|or|plus|without|exclude|except|not|any|keep)\b/i;
/** "start over: men in Ohio", "new segment - gold members", "from scratch, VIPs in Texas". */
const START_OVER =
  /^(?:let'?s\s+)?(?:start (?:over|again|fresh|from scratch)|(?:start |begin )?from scratch|new (?:segment|audience|list|request|search|query)|fresh start|reset|clean slate)\b[\s,;:.!\u2014\u2013-]*(?:with\s+|instead\s*[,:-]?\s*)?(.*)$/i;
/** A turn that moves one end of a range ("raise the minimum age to 35"), not a new request. */
const BOUND_EDIT =
  /^(?:please\s+)?(?:raise|lower|make|set|change|move|bump|increase|decrease|push|put|drop)\b.*\b(?:min(?:imum)?|max(?:imum)?|lower (?:bound|end|limit)|upper (?:bound|end|limit)|floor|cap|ceiling)\b/i;
/** "both genders", "all ages", "any tier is fine": no condition on that. */
const ALL_OF =
  /^(?:(?:and|but|ok(?:ay)?|actually|now)\s+)?(?:both|all|any|either|every)\s+(genders?|sexes|ages?|age groups?|states?|regions?|tiers?|loyalty tiers?|channels?|incomes?|income bands?)\s*(?:is|are)?\s*(?:fine|ok(?:ay)?|please|actually|then|too)?\s*[.!]*$/i;
/** "everyone, not just women", "all ages, not only millennials", "not just Texas". */
const NOT_JUST =
  /^(?:(?:everyone|everybody|anyone|all(?: of them)?|all \w+|ever|any ?time|all[\s-]time)\s*[,;:\u2014\u2013-]?\s*)?not (?:just|only)(?: the)?\s+([^,;.!]+?)(?:\s+any ?more)?\s*[.!]*$/i;
/** "doesn't matter if they have kids", "don't care about income", "whatever tier", "age doesn't matter". */
const DONT_CARE =
  /^(?:(?:it\s+)?(?:does ?n[o']?t|doesnt|don'?t|dont|do not|does not) (?:matter|care)(?:\s+(?:about|if|whether|what|which))?|who cares about|whatever|regardless of|never mind about)\s+(?:they(?:'re|\s+(?:have|are|did|had))?\s+|their\s+)?(.+?)\s*[.!]*$|^(.+?)\s+(?:does ?n[o']?t|doesnt|don'?t|dont) matter(?:\s+(?:any ?more|here|actually))?\s*[.!]*$/i;
/** "never used one", "didn't buy any": the behaviour there, by a pronoun, turned around. */
const NEG_PRONOUN =
  /^(?:but\s+|and\s+|only\s+)?(?:never|did ?n[o']?t|didnt|have ?n[o']?t|haven'?t|has ?n[o']?t|hasn'?t|do ?n[o']?t|don'?t)\s+(?!mind\b|care\b)(?:\w+\s+){1,2}?(?:one|any|it|them|that|those|so)\s*[.!]*$/i;

/** "undo that", "go back", "revert the last change", "scratch that", "undo the age filter". */
const UNDO =
  /^(?:undo|revert|roll\s*(?:it\s+|that\s+)?back|go back|step back|back up|scratch|take back|put (?:it|that|them|those|things) back|restore|cancel)\b/i;
/** "forget that", "never mind the last change": the last turn, undone. */
const UNDO_LAST =
  /^(?:forget|never ?mind|ignore|drop|lose|skip|cancel|remove|delete|take out)\s+(?:that|this|it|(?:the|my|that) (?:last|previous|latest) (?:change|edit|step|one|bit|turn|request|thing))\s*[.!]*$/i;
/** Words after "undo" that name the last change rather than a condition. */
const LAST_CHANGE =
  /^(?:(?:that|this|it|them|please|pls|again|everything|all that)\b|(?:the|my|that|your)\s+(?:last|previous|latest|most recent)\s+(?:change|edit|step|one|bit|turn|request|thing|update)s?\b|(?:to|until)\s+(?:before|the previous (?:one|version|segment|state|step)|the last (?:one|version)|where (?:we|it|i) (?:was|were)|how it was|what (?:we|i) had)|(?:one|a|the last) step|(?:last|previous) (?:change|step|edit|one)|changes?|edits?|(?:the|that|my|your)\s+(?:swap|switch|replacement|addition|removal|exclusion|narrowing|widening|flip|negation)\b|(?:that\s+)?(?:i|we|you)\s+(?:just\s+)?(?:made|did|added|asked for|said)\b)[\s,.!;:-]*/i;
/** "go back to the start", "revert to the original": the first segment of the conversation. */
const FIRST_STATE =
  /^(?:to\s+)?(?:the\s+)?(?:start|beginning|original(?: one| version| segment)?|first (?:one|version|segment)|square one)\b/i;

/**
 * "undo that": the latest earlier segment unlike this one; "undo the age filter": the conditions
 * named, as they were before they last changed (gone when they were added). Undefined when the
 * turn is not an undo.
 */
function undo(
  current: Segment,
  t: string,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  let rest: string;
  const um = UNDO.exec(t);
  if (um) rest = t.slice(um[0].length);
  else if (UNDO_LAST.test(t)) rest = '';
  else return undefined;
  rest = rest.replace(/^[\s,.!;:-]+/, '');
  for (let i = 0; i < 4; i++) rest = rest.replace(LAST_CHANGE, '').trim();
  const prev = ctx.previous ?? [];
  const key = (s: Segment) => JSON.stringify(canon(s.where));
  const catalog = engine.catalog;
  const back = (target: Segment | undefined): UnderstandingResult => {
    if (!target)
      return {
        status: 'refuse',
        reason: 'there is no earlier version of this segment to go back to',
        missing: [],
        nearest: [],
      };
    const seg = rebuild(flatten(target.where), target, text);
    const changes: Change[] = [{ op: 'replace', path: 'where', before: current.where, after: target.where }];
    return finish(engine, seg, text, ctx, changes, 0.9);
  };
  if (!rest) return back([...prev].reverse().find((s) => key(s) !== key(current)));
  // "undo the last two changes": that many steps back
  const steps =
    /^(?:the\s+)?(?:last|previous)\s+(two|three|four|five|\d+)\s+(?:changes|edits|steps|turns|things)\b/i.exec(rest);
  if (steps) {
    const words: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };
    const n = words[steps[1]!.toLowerCase()] ?? Number(steps[1]);
    return back(n >= 1 && n <= prev.length ? prev[prev.length - n] : undefined);
  }
  if (FIRST_STATE.test(rest)) return back(prev.find((s) => key(s) !== key(current)));
  if (/^go back$/i.test(um?.[0] ?? '') && /^to\b/i.test(rest)) {
    const said = rest.replace(/^to\s+/i, '');
    // "go back to just gold members": the earlier segment that says exactly that
    const frag = build(engine, stripMarkers(said, 'add', engine.catalog), ctx);
    if (frag && !frag.ambiguity && flatten(frag.node).length) {
      const whole = JSON.stringify(canon(frag.node));
      const earlier = [...prev].reverse().find((s) => JSON.stringify(canon(s.where)) === whole);
      if (earlier) return back(earlier);
    }
    // "go back to Ohio": Ohio again, in place of what took its place
    return editTurn(current, `${said} instead`, ctx, engine);
  }
  const { strong, weak } = targetRefs(rest, engine, ctx);
  const pick = (keys: Set<string>) => (c: Conjunct) => [...keys].some((k) => c.keys.has(k));
  const conj = conjuncts(current, catalog);
  for (const keys of [strong, weak]) {
    if (!keys.size) continue;
    const hit = pick(keys);
    const now = conj.filter(hit);
    const nowKey = JSON.stringify(now.map((c) => canon(c.node)));
    // "undo the Michigan part" of "Ohio or Michigan": the place as it was (Ohio), not no place;
    // a value named finds its facet in the earlier segment
    const facetKeys = new Set([...weak].filter((k) => k.startsWith('facet:')));
    const slot = (c: Conjunct) =>
      hit(c) || (keys === strong && [...facetKeys].some((k) => c.keys.has(k)) && now.some((n) => sameSlot(n, c)));
    for (let i = prev.length - 1; i >= 0; i--) {
      const then = conjuncts(prev[i]!, catalog).filter(slot);
      if (JSON.stringify(then.map((c) => canon(c.node))) === nowKey) continue;
      // the named conditions as they were then, where they are now
      const list: SegmentNode[] = [];
      const changes: Change[] = [];
      let placed = false;
      conj.forEach((c, j) => {
        if (!now.includes(c)) return list.push(c.node);
        changes.push({ op: 'remove', path: path(j, conj.length), before: c.node });
        if (!placed) list.push(...then.map((x) => x.node));
        placed = true;
        return undefined;
      });
      if (!placed) list.push(...then.map((x) => x.node));
      for (const x of then) changes.push({ op: 'add', path: 'where', after: x.node });
      if (!list.length) return back(undefined);
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
    }
    // nothing earlier to go back to: the named condition goes
    if (now.length) return editTurn(current, `remove ${rest}`, ctx, engine);
  }
  return undefined;
}

/** Words that say how a turn edits, for fixing their typos ("insted", "exlcude", "remvoe"). */
const EDIT_WORDS = [
  'instead',
  'remove',
  'exclude',
  'excluding',
  'include',
  'forget',
  'switch',
  'replace',
  'change',
  'opposite',
  'negate',
  'without',
  'except',
  'revert',
  'widen',
  'narrow',
  'expand',
  'increase',
  'decrease',
  'restrict',
  'only',
  'also',
  'undo',
  'flip',
];

/** At most one letter added, dropped, changed or two swapped. */
function near(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < l.length; i++) if (s === l.slice(0, i) + l.slice(i + 1)) return true;
  return false;
}

/** A slot named before an arrow ("window -> 60d", "age -> 30-45"): the slot set to what follows. */
const ARROW_SLOT =
  /^(?:the\s+)?(?:window|time ?frame|lookback|period|age|ages|region|state|city|income|income band|tier|loyalty tier|threshold|thresh|cutoff|score|spend|channel|store|brand|department|dept|category|orders?|order count)$/i;

const FOR_THIS = String.raw`(?:\s*,?\s+(?:here|for (?:this|these)(?: one| segment| list| audience| time)?|this time|in this one|just for this))?\s*[.!]*$`;
/** "lapsed means nothing for 200 days", "vip = platinum only for this one", "active = ordered in the last 60 days". */
const REDEFINE = new RegExp(
  String.raw`^(?:the\s+)?([a-z]+(?:[\s-][a-z]+)?)\s+(?:means|=|should mean|will mean|is defined as|counts as)\s+(.+?)` +
    FOR_THIS,
  'i',
);
/** "count lapsed as 120 days here", "treat new as first order in the last 60 days". */
const REDEFINE_AS = new RegExp(
  String.raw`^(?:count|treat|define|consider|read|take)\s+(?:the\s+)?([a-z]+(?:[\s-][a-z]+)?)\s+as\s+(?:meaning\s+)?(.+?)` +
    FOR_THIS,
  'i',
);

/**
 * An analyst's notation spelled out: "+ 100-150k" (add), "- dallas" (exclude), "excl. returns",
 * "w/ kids", "w/o kids", ">= 3 orders", "90d", "window -> 60d", "tx -> fl" (the second instead of
 * the first), and a CRM manager's lead-ins: "Of these, exclude ...", "I only want those who ...",
 * "Let's focus on the ones with ...", "those, but only ...", "show me only ...".
 */
function shorthand(text: string): string {
  let t = text
    .replace(/\b(\d+)\s*d\b/gi, '$1 days')
    .replace(/\b(\d+)\s*(?:wk|wks)\b/gi, '$1 weeks')
    .replace(/\b(\d+)\s*mo\b/gi, '$1 months')
    .replace(/\bexcl\.?(?=\s)/gi, 'excluding')
    .replace(/\bincl\.?(?=\s)/gi, 'including')
    .replace(/\bw\/o\b\s*/gi, 'without ')
    .replace(/\bw\/(?=\s|[a-z])\s*/gi, 'with ')
    .replace(
      /^(?:no|not|without|minus)\s+(?=(?:the\s+)?(?:web|website|app|store|in-store|social|referral)\s+sign-?ups?\b)/i,
      'exclude ',
    )
    .replace(
      /\b(?:the\s+)?(web|website|app|store|in-store|social|referral)\s+sign-?ups?\b/gi,
      'those who signed up via the $1',
    )
    .replace(/^\+\s*(?!\d+\s*(?:years?|yrs?|months?|weeks?|days?|%|percent)\b)/i, 'add ')
    .replace(/^&\s*/, 'and ')
    .replace(/^-\s*(?=[a-z])/i, 'exclude ')
    .replace(/(^|\s)>=\s*/g, '$1at least ')
    .replace(/(^|\s)<=\s*/g, '$1at most ')
    .replace(/(^|\s)>\s*(?=[$\d])/g, '$1more than ')
    .replace(/(^|\s)<\s*(?=[$\d])/g, '$1less than ');
  // "count lapsed as 120 days here", "vip = platinum only for this one": the word's rule, replaced for this segment
  const redefine = REDEFINE.exec(t) ?? REDEFINE_AS.exec(t);
  if (redefine && !ARROW_SLOT.test(redefine[1]!) && /[a-z]/i.test(redefine[2]!))
    return `instead of ${redefine[1]!.trim()}, use ${redefine[2]!.replace(/\s+only$/i, '').trim()}`;
  const arrow = /^(.+?)\s*(?:->|=>|\u2192)\s*(.+)$/.exec(t);
  if (arrow) {
    const [, from, to] = arrow as unknown as [string, string, string];
    t = ARROW_SLOT.test(from.trim())
      ? `make the ${from.trim()} ${to.trim()}`
      : `${to.trim()} instead of ${from.trim()}`;
  }
  return (
    t
      .replace(
        /^(?:of|among|from)\s+(?:those|these|them|that group|this group|that list|this list)\s*[,:]\s*/i,
        (m: string, _off: number, s: string) =>
          /^(?:exclude|excluding|except|remove|drop|keep|only|just|limit|restrict|narrow|i\b|we\b|let|please|can|could|would|leave|filter|take)/i.test(
            s.slice(m.length),
          )
            ? ''
            : 'only ',
      )
      .replace(/^i(?:'d| would)?\s+(?:only|just)\s+(?:want|need|like)\s+(?:to\s+(?:keep|see|target)\s+)?/i, 'only ')
      .replace(/^(?:i\s+)?(?:only|just)\s+(?:want|need)\s+/i, 'only ')
      .replace(/^i\s+(?:need|want)\s+(?=the ones\b|those\b|only\b|just\b)/i, 'only ')
      .replace(
        /^(?:(?:let'?s|we should|i(?:'d| would) like to|can we|could we|can you|could you)\s+)?(?:focus on|stick to|zoom in on|target only|limit (?:that|it|this|them)(?: down)? to|restrict (?:that|it|this|them) to|narrow (?:that|it|this|them)(?: down)? to)\s+/i,
        'only ',
      )
      .replace(/^(?:show|give|get) me\s+(?=only\b|just\b)/i, '')
      .replace(/^(?:those|these|them|that group)\s*,?\s*but\s+(?=only\b|just\b)/i, '')
      .replace(/^move (?:that|it|this|them) to\b/i, 'make it')
      // "And remove the 30 day limit please.": the conjunction before an edit verb says nothing
      .replace(
        /^(?:and|but|then|so)\s+(?:then\s+)?(?=(?:please\s+)?(?:remove|drop|delete|forget|lose|ditch|get rid of|take out|change|make|swap|switch|replace|raise|lower|bump|undo)\b)/i,
        '',
      )
  );
}

/** Shorthand spelled out ("nvm", "pls") and edit words with a typo put right. */
function prep(text: string, engine: UnderstandingEngine): string {
  return shorthand(text)
    .replace(/\bnvm\b/gi, 'never mind')
    .replace(/\b(?:pls|plz)\b/gi, 'please')
    .replace(/\binstaed\b|\binsted\b|\bintsead\b/gi, 'instead')
    .replace(/\b[a-z]{5,}\b/gi, (w) => {
      const lw = w.toLowerCase();
      // "changes", "removed": an edit word with an ending is no typo
      if (EDIT_WORDS.some((e) => lw.startsWith(e)) || engine.lexicon.vocabulary.isKnown(lw)) return w;
      const fix = EDIT_WORDS.find((e) => (e.length >= 5 || lw.length > e.length) && near(lw, e));
      return fix ?? w;
    });
}

/** "put Arizona back in", "bring the coupon part back", "re-add Texas". */
const PUT_BACK =
  /^(?:put|bring|add|let)\s+(.+?)\s+back(?:\s+(?:in|into|on|again))?(?:\s+(?:the segment|the list|it))?\s*[.!]*$|^(?:re-?add|re-?include|reinstate)\s+(.+?)\s*[.!]*$/i;

/** A condition that leaves people out ("not Florida", "did not buy"). */
function isNegative(n: SegmentNode): boolean {
  return n.kind === 'not' || (n.kind === 'attribute' && (n.op === 'neq' || n.op === 'not_in'));
}

/** "Q2" with no year: the year of the window there, else the year of `asOf`. */
function withQuarterYear(t: string, current: Segment, asOf: string): string {
  if (!/\bq[1-4]\b/i.test(t)) return t;
  let year = asOf.slice(0, 4);
  mapLeaves(current.where, (leaf) => {
    if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.window?.type === 'between')
      year = leaf.window.from.slice(0, 4);
    return leaf;
  });
  // a quarter not begun by `asOf` is the one a year before ("make it Q3" in June: last Q3)
  return t.replace(/\b(q[1-4])\b(?!\s*(?:of\s+)?(?:fy\s*)?'?\d{2,4}\b)/gi, (q) => {
    const start = `${year}-${String((Number(q[1]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    return `${q.toUpperCase()} ${start > asOf ? Number(year) - 1 : year}`;
  });
}

/** The numbers a band's label names, in thousands when it says "k" ("$100k-$150k": 100, 150). */
function bandNumbers(label: string): number[] {
  return [...label.matchAll(/(\d+(?:\.\d+)?)\s*(k|m)?/gi)].map((m) => Number(m[1]));
}

/** "100-150k", "100 to 150k": the label of the one enum value with those numbers ("$100k-$150k"). */
function withBandLabels(t: string, catalog: Catalog): string {
  return t.replace(
    /\$?(\d+(?:\.\d+)?)\s*(k|m)?\s*(?:-|\u2013|to)\s*\$?(\d+(?:\.\d+)?)\s*(k|m)\b/gi,
    (whole, a: string, _u, b: string) => {
      const hits = catalog.facets.flatMap((f) =>
        f.type === 'enum'
          ? (f.values ?? [])
              .filter((v) => {
                const n = bandNumbers(String(v.label ?? v.value));
                return n.length === 2 && n[0] === Number(a) && n[1] === Number(b);
              })
              .map((v) => `${String(v.label ?? v.value)} ${f.label.toLowerCase()}`)
          : [],
      );
      return hits.length === 1 ? hits[0]! : whole;
    },
  );
}

/** Enum values in the order of the numbers their labels name ("under $25k" first); undefined when some name none. */
function orderedBands(facet: Catalog['facets'][number]): string[] | undefined {
  const vals = facet.values ?? [];
  if (facet.type !== 'enum' || vals.length < 2) return undefined;
  const keyed = vals.map((v) => {
    const label = String(v.label ?? v.value);
    const n = bandNumbers(label);
    const below = /\b(?:under|below|less than|up to)\b/i.test(label);
    return { v: String(v.value), k: n.length ? n[0]! - (below ? 0.5 : 0) : NaN };
  });
  if (keyed.some((x) => Number.isNaN(x.k))) return undefined;
  return keyed.sort((x, y) => x.k - y.k).map((x) => x.v);
}

const BAND_WORD = '(?:band|bracket|tier|level|bucket|range|group|notch|step)';
const NEXT_BAND = new RegExp(
  `\\b(?:(?:the\\s+)?(?:next|one|a)\\s+(?:${BAND_WORD}\\s+)?(?:up|down|higher|lower|above|below)|(?:the\\s+)?(?:next|one|a)\\s+(?:higher|lower)\\s+${BAND_WORD}|(?:the\\s+)?${BAND_WORD}\\s+(?:up|down|above|below|higher|lower)|(?:up|down)\\s+(?:a|one)\\s+${BAND_WORD})\\b`,
  'i',
);

/**
 * "add the next band up" after "$100k-$150k": the band above joins it; "one band lower
 * instead": the band below takes its place. Undefined when no ordered band is there.
 */
function nextBand(
  current: Segment,
  t: string,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  if (!NEXT_BAND.test(t)) return undefined;
  const up = /\b(?:up|higher|above)\b/i.test(t);
  const catalog = engine.catalog;
  const conj = conjuncts(current, catalog);
  for (let i = 0; i < conj.length; i++) {
    const n = conj[i]!.node;
    if (n.kind !== 'attribute' || (n.op !== 'eq' && n.op !== 'in')) continue;
    const facet = catalog.facets.find((f) => f.name === n.facet);
    const order = facet ? orderedBands(facet) : undefined;
    if (!order) continue;
    const have = (n.values ?? [n.value]).map(String);
    const idx = have.map((v) => order.indexOf(v)).filter((x) => x >= 0);
    if (!idx.length) continue;
    const next = order[up ? Math.max(...idx) + 1 : Math.min(...idx) - 1];
    if (!next)
      return {
        status: 'refuse',
        reason: `there is no ${facet!.label} band ${up ? 'above' : 'below'} the one there`,
        missing: [],
        nearest: [],
      };
    const add = /\b(?:add|also|too|include|plus|widen|expand|broaden|as well|and)\b/i.test(t);
    const values = add ? order.filter((v) => have.includes(v) || v === next) : [next];
    const after: SegmentNode =
      values.length === 1
        ? { kind: 'attribute', facet: n.facet, op: 'eq', value: values[0]! }
        : { kind: 'attribute', facet: n.facet, op: 'in', values };
    const list = conj.map((c) => c.node);
    list[i] = after;
    const changes: Change[] = [{ op: 'replace', path: path(i, list.length), before: n, after }];
    return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
  }
  return undefined;
}

const SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** "bottom 2", "top three deciles": a count of deciles (no percent said). */
const RANK_N =
  /\b(top|bottom|highest|lowest)\s+(?:(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:%|percent|per cent|pct))(?:\s+deciles?)?|deciles?\b)/i;

/** The model a leaf scores on (a model condition, or a rule that is one). */
function modelOf(leaf: SegmentNode, catalog: Catalog): string | undefined {
  if (leaf.kind === 'model') return leaf.model;
  if (leaf.kind === 'rule') {
    const def = catalog.rules.find((r) => r.id === leaf.rule)?.definition;
    if (def?.kind === 'model') return def.model;
  }
  return undefined;
}

/**
 * "make it bottom 2", "top 3 instead": that many deciles of the one model there (a percent when
 * the model is held by a percent already). Undefined when the turn names no such rank or the
 * segment holds no single model.
 */
function rankEdit(
  current: Segment,
  t: string,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  const m = RANK_N.exec(t);
  if (!m) return undefined;
  const catalog = engine.catalog;
  // the rest must say nothing more than how ("make it", "instead", "deciles")
  const rest = t
    .replace(m[0], ' ')
    .replace(
      /\b(?:make|change|set|switch|move|it|that|this|to|the|instead|deciles?|please|then|just|only|now|go|with)\b/gi,
      ' ',
    )
    .replace(/[\s,.!?;:-]+/g, '');
  if (rest) return undefined;
  const models = conjuncts(current, catalog).flatMap((c, i) => {
    const found: string[] = [];
    mapLeaves(c.node, (leaf) => {
      const model = modelOf(leaf, catalog);
      if (model) found.push(model);
      return leaf;
    });
    return found.map((model) => ({ i, model }));
  });
  if (models.length !== 1) return undefined;
  // "make it top decile": one decile
  const n = m[2] === undefined ? 1 : (SMALL[m[2].toLowerCase()] ?? Number(m[2]));
  const top = /^(?:top|highest)$/i.test(m[1]!);
  const list = conjuncts(current, catalog).map((c) => c.node);
  const changes: Change[] = [];
  const { i, model } = models[0]!;
  list[i] = mapLeaves(list[i]!, (leaf) => {
    if (modelOf(leaf, catalog) !== model) return leaf;
    const after: SegmentNode = { kind: 'model', model };
    const percent =
      m[2] !== undefined &&
      leaf.kind === 'model' &&
      (leaf.top_percent !== undefined || leaf.bottom_percent !== undefined);
    if (percent) {
      if (top) after.top_percent = n;
      else after.bottom_percent = n;
    } else {
      if (n < 1 || n > 10) return leaf;
      after.decile =
        n === 1 ? { op: 'eq', value: top ? 10 : 1 } : top ? { op: 'gte', value: 11 - n } : { op: 'lte', value: n };
    }
    changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after });
    return after;
  });
  if (!changes.length) return undefined;
  return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
}

const STRETCH =
  /^(?:raise|increase|bump(?: up)?|push|lift|extend|stretch|lower|decrease|reduce|drop|bring down)\s+(?:it|that|the\s+\w+(?:\s+\w+)?)\s+to\s+(?:at (?:least|most)\s+)?\$?(\d[\d,.]*)\s*(k\b)?(?!\s*(?:-|to|and)\s*\d)/i;

/**
 * "raise the age to 50" on ages 25 to 40: a range stretched to the number (its upper end up, or
 * its lower end down for "lower ... to 20"). Only when the segment has one range and the number
 * lies beyond the end the verb moves; otherwise undefined (the number is read as the new value).
 */
function stretch(
  current: Segment,
  t: string,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  const m = STRETCH.exec(t);
  if (!m) return undefined;
  const value = Number(m[1]!.replace(/,/g, '')) * (m[2] ? 1000 : 1);
  const up = /^(?:raise|increase|bump|push|lift|extend|stretch)/i.test(t);
  const ranges: number[][] = [];
  mapLeaves(current.where, (l) => {
    if (l.kind === 'attribute' && l.op === 'between') ranges.push([Number(l.min), Number(l.max)]);
    else if ((l.kind === 'purchase' || l.kind === 'event') && l.threshold?.op === 'between')
      ranges.push([l.threshold.min, l.threshold.max]);
    return l;
  });
  if (ranges.length !== 1) return undefined;
  const [lo, hi] = ranges[0]! as [number, number];
  if (up ? value <= hi : value >= lo) return undefined;
  return boundEdit(current, `${up ? 'raise the upper limit' : 'lower the minimum'} to ${value}`, text, ctx, engine);
}

const UPPER =
  /\b(?:upper|top|high(?:er)?|max(?:imum)?)\s*(?:limit|bound|end|cap|number|value|age)?\b|\b(?:ceiling|cap)\b/i;
const LOWER = /\b(?:lower|bottom|low)\s*(?:limit|bound|end|number|value|age)\b|\b(?:min(?:imum)?|floor)\b/i;

/**
 * "bump the upper limit to ten thousand", "lower limit 20 instead", "raise the floor by 5": one
 * bound of the range (or the one-sided bound) there moves. Undefined when no bound is named.
 */
function boundEdit(
  current: Segment,
  t: string,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  const upper = UPPER.test(t) && /\b(?:limit|bound|end|cap|ceiling|max(?:imum)?|upper)\b/i.test(t);
  const lower = LOWER.test(t);
  if (upper === lower) return undefined;
  const a = engine.analyze(t, ctx.asOf);
  const q = a.chunks.find((c) => c.qty?.kind === 'cmp')?.qty;
  if (!q || q.kind !== 'cmp' || q.threshold.op === 'between') return undefined;
  let value = q.threshold.value;
  const by = /\bby\b/i.test(t);
  const down = /\b(?:lower|reduce|decrease|drop|cut|shrink)\b/i.test(t.replace(LOWER, ''));
  const catalog = engine.catalog;
  const list = conjuncts(current, catalog).map((c) => c.node);
  const changes: Change[] = [];
  const move = (lo: number | undefined, hi: number | undefined): [number | undefined, number | undefined] => {
    const old = upper ? hi : lo;
    if (by && old !== undefined) value = old + (down ? -value : value);
    return upper ? [lo, value] : [value, hi];
  };
  let done = false;
  const out = list.map((n, i) =>
    mapLeaves(n, (leaf) => {
      if (done) return leaf;
      let after: SegmentNode | undefined;
      if (leaf.kind === 'attribute' && ['between', 'gt', 'gte', 'lt', 'lte'].includes(leaf.op)) {
        const lo = leaf.op === 'between' ? Number(leaf.min) : leaf.op.startsWith('g') ? Number(leaf.value) : undefined;
        const hi = leaf.op === 'between' ? Number(leaf.max) : leaf.op.startsWith('l') ? Number(leaf.value) : undefined;
        const [l, h] = move(lo, hi);
        after =
          l !== undefined && h !== undefined
            ? { kind: 'attribute', facet: leaf.facet, op: 'between', min: l, max: h }
            : { kind: 'attribute', facet: leaf.facet, op: l !== undefined ? 'gte' : 'lte', value: (l ?? h)! };
      } else if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.threshold) {
        const th = leaf.threshold;
        const lo = th.op === 'between' ? th.min : th.op === 'gt' || th.op === 'gte' ? th.value : undefined;
        const hi = th.op === 'between' ? th.max : th.op === 'lt' || th.op === 'lte' ? th.value : undefined;
        if (lo === undefined && hi === undefined) return leaf;
        const [l, h] = move(lo, hi);
        const nt: Threshold =
          l !== undefined && h !== undefined
            ? { op: 'between', min: l, max: h }
            : { op: l !== undefined ? 'gte' : 'lte', value: (l ?? h)! };
        after = { ...leaf, threshold: nt };
      }
      if (!after) return leaf;
      done = true;
      changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after });
      return after;
    }),
  );
  if (!done) return undefined;
  return finish(engine, rebuild(out, current, text), text, ctx, changes, 0.8);
}

/** The facets a rule made only of facet conditions sets ("dads": gender, has_children). */
function ruleAttrs(n: SegmentNode, catalog: Catalog): Extract<SegmentNode, { kind: 'attribute' }>[] | undefined {
  if (n.kind !== 'rule') return undefined;
  const def = catalog.rules.find((r) => r.id === n.rule)?.definition;
  const kids = def?.kind === 'and' ? def.children : def ? [def] : [];
  if (!kids.length || !kids.every((k) => k.kind === 'attribute')) return undefined;
  return kids as Extract<SegmentNode, { kind: 'attribute' }>[];
}

/**
 * A rule said in place of the facet conditions it sets ("dads" for "women" + "with kids"), or
 * a facet said in place of the same facet inside a rule there ("men" in "moms": men with kids).
 */
function ruleFacets(list: SegmentNode[], p: SegmentNode, catalog: Catalog): SegmentNode[] | undefined {
  const attrs = ruleAttrs(p, catalog);
  if (attrs) {
    const facets = new Set(attrs.map((a) => a.facet));
    const hit = list.flatMap((n, i) => (n.kind === 'attribute' && facets.has(n.facet) ? [i] : []));
    if (!hit.length) return undefined;
    const out = list.filter((_, i) => !hit.includes(i));
    out.splice(hit[0]!, 0, p);
    return out;
  }
  if (p.kind !== 'attribute') return undefined;
  const ri = list.findIndex((n) => ruleAttrs(n, catalog)?.some((a) => a.facet === p.facet));
  if (ri < 0) {
    // "gold or above instead" after "VIPs" (platinum, or a top CLV): the rule gives way to the facet
    const wi = list.findIndex((n) => n.kind === 'rule' && signature(n, catalog).has(`facet:${p.facet}`));
    if (wi < 0 || list.some((n) => n.kind === 'attribute' && n.facet === p.facet)) return undefined;
    const out = [...list];
    out[wi] = p;
    return out;
  }
  const parts = ruleAttrs(list[ri]!, catalog)!.map((a) => (a.facet === p.facet ? p : a));
  const out = [...list];
  out.splice(ri, 1, ...parts);
  return out;
}

/**
 * "swap push for email" after "reachable by push": the rule whose name is the one there with the
 * old word put in place of the new one ("reachable by email").
 */
function swapRuleWord(
  conj: Conjunct[],
  oldWords: string,
  newWords: string,
  catalog: Catalog,
): { i: number; after: SegmentNode } | undefined {
  const o = oldWords.trim().toLowerCase();
  const n = newWords.trim().toLowerCase();
  if (!o || !n || o === n) return undefined;
  const names = (id: string) => {
    const r = catalog.rules.find((x) => x.id === id);
    return r ? [r.label, ...(r.synonyms ?? [])].map((x) => x.toLowerCase()) : [];
  };
  const word = new RegExp(`\\b${o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  for (let i = 0; i < conj.length; i++) {
    const node = conj[i]!.node;
    if (node.kind !== 'rule') continue;
    for (const name of names(node.rule)) {
      if (!word.test(name)) continue;
      const want = name.replace(word, n);
      const other = catalog.rules.find((r) => r.id !== node.rule && names(r.id).includes(want));
      if (other) return { i, after: { kind: 'rule', rule: other.id } };
    }
  }
  return undefined;
}

const AGE_BY =
  /(?:^|\s)(?:\+|plus\s+)(\d{1,2})\s*(?:years?|yrs?)\b|\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s*(?:more\s+)?(?:years?|yrs?)\s+(older|younger)\b|\b(older|younger)\s+by\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b|(?:^|\s)-(\d{1,2})\s*(?:years?|yrs?)\b/i;
const AGE_VAGUE = /\b(?:a (?:bit|little|tad)|slightly|somewhat|bit)\s+(older|younger)\b/i;

/** The age conditions there, each moved by `delta` years (undefined when none is). */
function shiftAges(list: SegmentNode[], facet: string, delta: number): SegmentNode[] | undefined {
  let moved = false;
  const out = list.map((n) =>
    mapLeaves(n, (leaf) => {
      if (leaf.kind !== 'attribute' || leaf.facet !== facet) return leaf;
      if (leaf.op === 'between') {
        moved = true;
        return { ...leaf, min: Number(leaf.min) + delta, max: Number(leaf.max) + delta };
      }
      if (['gt', 'gte', 'lt', 'lte', 'eq'].includes(leaf.op) && typeof leaf.value === 'number') {
        moved = true;
        return { ...leaf, value: leaf.value + delta };
      }
      return leaf;
    }),
  );
  return moved ? out : undefined;
}

/**
 * "5 years older", "+5 years", "younger by 10": the age range there moves that many years;
 * "a bit older": which way by how much is asked. Undefined when the segment holds no age.
 */
function ageShift(
  current: Segment,
  t: string,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  const facet = engine.lexicon.roles.age;
  if (!facet) return undefined;
  const m = AGE_BY.exec(t);
  // "a bit older, like 25-35": the ages said win over the vague move
  const vague = m || /\d+\s*(?:-|to|\u2013)\s*\d+/.test(t) ? undefined : AGE_VAGUE.exec(t);
  if (!m && !vague) return undefined;
  const list = conjuncts(current, engine.catalog).map((c) => c.node);
  const num = (w: string) => SMALL[w.toLowerCase()] ?? Number(w);
  if (m) {
    const delta = m[1]
      ? num(m[1])
      : m[2]
        ? num(m[2]) * (/younger/i.test(m[3]!) ? -1 : 1)
        : m[4]
          ? num(m[5]!) * (/younger/i.test(m[4]) ? -1 : 1)
          : -num(m[6]!);
    const out = shiftAges(list, facet, delta);
    if (!out) return undefined;
    const changes: Change[] = [{ op: 'replace', path: 'where', before: current.where, after: andOf(out) }];
    return finish(engine, rebuild(out, current, text), text, ctx, changes, 0.8);
  }
  const sign = /younger/i.test(vague![1]!) ? -1 : 1;
  const options = [5, 10].flatMap((n) => {
    const out = shiftAges(list, facet, sign * n);
    if (!out) return [];
    const seg = rebuild(out, current, text);
    const ok = verify(seg, { catalog: engine.catalog, permissions: ctx.permissions, asOf: ctx.asOf }).ok;
    return ok ? [{ label: `${n} years ${sign > 0 ? 'older' : 'younger'}`, segment: seg }] : [];
  });
  if (options.length < 2) return undefined;
  return { status: 'clarify', question: `How much ${sign > 0 ? 'older' : 'younger'}?`, options };
}

/** "a bit more", "lower it slightly", "raise the threshold a little": a move by an amount not said. */
const VAGUE_MOVE =
  /^(?:(?:a (?:bit|little|tad)|slightly|somewhat)\s+(?:more|higher|less|lower|fewer)\b|(?:raise|increase|bump|lift|push|lower|decrease|reduce|cut)\b.*\b(?:a (?:bit|little|tad)|slightly|somewhat)\b)/i;

/** "redo", "redo that": the change the last undo took back. */
/** "any nike product", "all Apple stuff is fine": a wider set of items for the purchase there. */
const ANY_ITEM =
  /^(?:any|all|every)\s+(.+?)(?:\s+(?:products?|items?|stuff|things?|gear|brands?|purchases?))?(?:\s+(?:is|are) fine|\s+actually|\s+then|\s+instead)?\s*[.!]*$/i;
/** "drop the 2nd one", "remove the last part", "lose the first condition": a condition by its place. */
const POSITION =
  /^(?:please\s+)?(?:drop|remove|delete|lose|ditch|take out|get rid of|forget|skip|scrap)\s+(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|final)(?:\s+(?:one|part|condition|filter|bit|criterion|rule|thing|clause|piece|requirement|restriction))?\s*[.!]*$/i;
const ORDINAL: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
};
const REDO = /^redo\b(?:\s+(?:it|that|this|the (?:last )?(?:change|undo|step)))?\s*[.!]*$/i;

/** "drop everything but the shoes", "keep only the location", "just keep the coupon part". */
const KEEP_ONLY =
  /^(?:(?:drop|remove|lose|forget|ditch|clear)\s+(?:everything|all(?: the rest)?|the rest|all other (?:conditions|filters))\s+(?:but|except(?: for)?|apart from|other than)\s+(.+?)|(?:just\s+)?(?:keep|leave)\s+(?:only\s+|just\s+)?(.+?\s+(?:part|condition|filter|bit|piece|criteri(?:on|a))s?|.+?(?=\s+and (?:drop|remove|lose) (?:the rest|everything else)|\s+and nothing else))(?:\s+(?:only|and (?:drop|remove|lose) (?:the rest|everything else)|and nothing else))?)\s*[.!]*$/i;

/**
 * "double it", "halve the spend threshold", "triple the minimum": the one number condition there
 * (a purchase or event threshold, or a numeric facet), scaled. Undefined when none or several.
 */
function scaleEdit(
  current: Segment,
  t: string,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  const m = /^(double|triple|quadruple|halve|half)\b/i.exec(t);
  // "raise it by 100", "lower the spend by 20%": moved by that much
  const by =
    /^(?:raise|increase|bump|lift|push|up|lower|decrease|reduce|drop|cut)\b[^\d$]*?\bby\s+\$?(\d[\d,]*(?:\.\d+)?)\s*(k\b)?\s*(%|percent\b|per cent\b)?\s*[.!]*$/i.exec(
      t,
    );
  if (!m && !by) return undefined;
  const factors: Record<string, number> = { double: 2, triple: 3, quadruple: 4, halve: 0.5, half: 0.5 };
  const down = by ? /^(?:lower|decrease|reduce|drop|cut)\b/i.test(t) : false;
  const amount = by ? Number(by[1]!.replace(/,/g, '')) * (by[2] ? 1000 : 1) : 0;
  const scale = (v: number) =>
    m
      ? v * factors[m[1]!.toLowerCase()]!
      : by![3]
        ? v * (1 + ((down ? -1 : 1) * amount) / 100)
        : v + (down ? -amount : amount);
  const conj = conjuncts(current, engine.catalog);
  const numeric = conj.flatMap((c, i) => {
    const leaves: SegmentNode[] = [];
    mapLeaves(c.node, (leaf) => {
      if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.threshold) leaves.push(leaf);
      if (leaf.kind === 'attribute' && ['gt', 'gte', 'lt', 'lte', 'between'].includes(leaf.op)) leaves.push(leaf);
      return leaf;
    });
    return leaves.map((leaf) => ({ i, leaf }));
  });
  if (numeric.length !== 1) return undefined;
  const { i, leaf } = numeric[0]!;
  const x = (v: number) => Math.round(scale(v) * 100) / 100;
  let after: SegmentNode;
  if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.threshold) {
    const th = leaf.threshold;
    after = {
      ...leaf,
      threshold:
        th.op === 'between' ? { op: 'between', min: x(th.min), max: x(th.max) } : { ...th, value: x(th.value) },
    };
  } else if (leaf.kind === 'attribute') {
    after =
      leaf.op === 'between'
        ? { ...leaf, min: x(Number(leaf.min)), max: x(Number(leaf.max)) }
        : { ...leaf, value: x(Number(leaf.value)) };
  } else return undefined;
  const list = conj.map((c) => c.node);
  list[i] = mapLeaves(list[i]!, (l) => (l === leaf ? after : l));
  const changes: Change[] = [{ op: 'replace', path: path(i, list.length), before: leaf, after }];
  return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
}

/** "people who did use one", "the ones who did", "those who have": the negated behaviour, turned back. */
const POSITIVE_PEOPLE =
  /^(?:the\s+)?(?:ones|those|people|customers|folks)\s+(?:who|that)\s+(?:did|do|have|has)(?:\s+(?:use|buy|get|make|place|open|click|return|redeem|order)s?)?(?:\s+(?:one|it|them|that|some|any))?(?:\s+instead)?\s*[.!]*$/i;

/** Two conditions on the same facet ("state in [OH, MI]" and "state = OH"). */
function sameSlot(a: Conjunct, b: Conjunct): boolean {
  const facets = (c: Conjunct) => [...c.keys].filter((k) => k.startsWith('facet:'));
  const fa = facets(a);
  return fa.length > 0 && fa.every((k) => b.keys.has(k));
}

/** Turns that read like a follow-up rather than a full new request. */
export function looksLikeEdit(text: string, engine: UnderstandingEngine, ctx: UnderstandContext): boolean {
  if (!ctx.current) return false;
  const t = prep(text.trim(), engine);
  let stripped = t.replace(LEAD_NOISE, '').trim();
  if (/\binstead\b|\brather than\b|\bi meant\b|\bthe opposite\b|^(?:flip|negate|invert)\b/i.test(t)) return true;
  // "no wait, NOT likely to churn": what follows the correction says whether it is an edit
  const corr = CORRECTION.exec(stripped);
  if (corr && corr[0].length < stripped.length)
    stripped = stripped.slice(corr[0].length).replace(LEAD_NOISE, '').trim();
  // "undo the last change", "don't use the lapsed rule here: ..."
  if (
    [
      UNDO,
      UNDO_LAST,
      NOT_USE,
      INSTEAD_OF_FIRST,
      ANY_CLAUSE,
      DROP_CLAUSE,
      START_OVER,
      NOT_JUST,
      ALL_OF,
      BOUND_EDIT,
      PUT_BACK,
      NEXT_BAND,
      AGE_BY,
      AGE_VAGUE,
      KEEP_ONLY,
      REDO,
      POSITIVE_PEOPLE,
      VAGUE_MOVE,
    ].some((re) => re.test(stripped))
  )
    return true;
  // "but didn't buy a TV in that time", "and only in Ohio", "of those, ...": a continuation
  if (/^(?:but|and|or|also|plus|except|excluding|only|just|of those|among them|among those)\b/i.test(stripped))
    return true;
  if (MARKERS.some((m) => m.re.test(stripped))) return true;
  const words = stripped.split(/\s+/).filter(Boolean);
  // a full new description names the people ("customers who ...") and says more than one thing
  const a = engine.analyze(stripped, ctx.asOf);
  const subject = a.chunks.some((c) => has(c, 'subj') && !/^(ones?|those|them|they)$/i.test(c.text));
  if (subject && words.length >= 3) return false;
  return words.length <= 6;
}

interface Conjunct {
  node: SegmentNode;
  keys: Set<string>;
}

function signature(node: SegmentNode, catalog: Catalog, out = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.children.forEach((c) => signature(c, catalog, out));
      break;
    case 'not':
      signature(node.child, catalog, out);
      break;
    case 'attribute':
      out.add('kind:attribute');
      out.add(`facet:${node.facet}`);
      for (const v of node.values ?? (node.value !== undefined ? [node.value] : []))
        out.add(`value:${node.facet}:${String(v)}`);
      if (GEO.test(node.facet)) out.add('geo');
      if (/income|salary|wealth/.test(node.facet)) out.add('money');
      if (/channel/.test(node.facet)) out.add('order:channel');
      break;
    case 'rule': {
      out.add('kind:rule');
      out.add(`rule:${node.rule}`);
      const def = catalog.rules.find((r) => r.id === node.rule)?.definition;
      if (def && def.kind !== 'rule') signature(def, catalog, out);
      break;
    }
    case 'model':
      out.add('kind:model');
      out.add(`model:${node.model}`);
      break;
    case 'birthday':
      out.add('birthday');
      break;
    case 'purchase':
      out.add('kind:purchase');
      out.add('purchase');
      if (node.window) out.add('window');
      if (node.threshold) out.add('threshold');
      out.add(`measure:${node.measure ?? 'orders'}`);
      for (const [k, v] of Object.entries(node.item ?? {})) {
        out.add(`field:${k}`);
        if (Array.isArray(v)) for (const x of v) out.add(`item:${k}:${String(x)}`);
        else out.add(`item:${k}`);
        if (k === 'department' || k === 'category') out.add('items');
      }
      for (const k of Object.keys(node.order ?? {})) out.add(`order:${k}`);
      if (node.measure === 'spend') out.add('money');
      break;
    case 'event':
      out.add('kind:event');
      out.add('event');
      for (const e of node.event_type) out.add(`event:${e}`);
      if (node.window) out.add('window');
      if (node.threshold) out.add('threshold');
      for (const [k, v] of Object.entries(node.item ?? {}))
        if (Array.isArray(v)) for (const x of v) out.add(`item:${k}:${String(x)}`);
      break;
  }
  return out;
}

/** Facets of place: one slot ("expand to all of Texas" replaces the city). */
const GEO = /(^|_)(state|city|region|zip|country|province|county|metro|market|postal)(_|$)/;

/** What the words of a turn point at in a segment. */
function references(chunks: Chunk[], engine: UnderstandingEngine): { strong: Set<string>; weak: Set<string> } {
  const strong = new Set<string>();
  const weak = new Set<string>();
  for (const c of chunks) {
    if (c.time) strong.add('window');
    for (const s of c.senses) {
      switch (s.t) {
        case 'value':
          strong.add(`value:${s.facet}:${String(s.value)}`);
          weak.add(`facet:${s.facet}`);
          break;
        case 'facet':
          strong.add(`facet:${s.facet}`);
          if (GEO.test(s.facet)) strong.add('geo');
          break;
        case 'rule':
          strong.add(`rule:${s.rule}`);
          break;
        case 'model':
          strong.add(`model:${s.model}`);
          break;
        case 'item':
          strong.add(`item:${s.field}:${s.value}`);
          weak.add(`field:${s.field}`);
          weak.add('items');
          break;
        case 'flag':
          strong.add(`item:${s.flag}`);
          break;
        case 'event':
          strong.add(`event:${s.event}`);
          break;
        case 'ecue':
          for (const [e, bag] of engine.lexicon.eventBags) if (bag.has(s.stem)) weak.add(`event:${e}`);
          for (const [f, bag] of engine.lexicon.booleanBags) if (bag.has(s.stem)) weak.add(`facet:${f}`);
          break;
        case 'order':
          for (const k of Object.keys(s.filter)) strong.add(`order:${k}`);
          break;
        case 'bday':
          strong.add('birthday');
          break;
        case 'measure':
          strong.add(`measure:${s.measure}`);
          break;
        case 'bnoun':
          weak.add('purchase');
          break;
        case 'verb':
          if (s.cls === 'purchase' || s.cls === 'spend') weak.add('purchase');
          if (s.cls === 'return') strong.add('order:status');
          break;
      }
    }
  }
  return { strong, weak };
}

/** Words for a kind of condition ("drop the model condition", "remove the location filter"). */
const KIND_WORDS: readonly [RegExp, string][] = [
  [/\b(?:spend(?:ing)?|spent|amount spent|total spent|revenue)\b/i, 'measure:spend'],
  [/\b(?:money|dollars?|income|salary|earnings?|wealth)\b/i, 'money'],
  [/\b(?:channels?)\b/i, 'order:channel'],
  [/\b(?:departments?|depts?)\b/i, 'field:department'],
  [/\b(?:categor(?:y|ies))\b/i, 'field:category'],
  [/\b(?:brands?)\b/i, 'field:brand'],
  [/\b(?:models?|scores?|predictions?|predicted|propensit(?:y|ies))\b/i, 'kind:model'],
  [/\b(?:locations?|geo(?:graphy|graphic)?|places?|areas?|where they live)\b/i, 'geo'],
  [/\b(?:purchases?|orders?|transactions?|buying)\b/i, 'kind:purchase'],
  [/\b(?:events?|activit(?:y|ies)|behaviou?rs?|engagement)\b/i, 'kind:event'],
  [/\b(?:rules?|definitions?)\b/i, 'kind:rule'],
  [/\b(?:birthdays?)\b/i, 'birthday'],
];

/** What a turn that drops or undoes something points at ("the age filter", "the model condition"). */
function targetRefs(
  target: string,
  engine: UnderstandingEngine,
  ctx: UnderstandContext,
): { strong: Set<string>; weak: Set<string> } {
  const cleaned = stripMarkers(target, 'remove', engine.catalog);
  const a = engine.analyze(cleaned || target, ctx.asOf);
  const refs = references(a.chunks, engine);
  if (/\bage\b/i.test(cleaned) && engine.lexicon.roles.age) refs.strong.add(`facet:${engine.lexicon.roles.age}`);
  // a kind of condition named, when nothing more precise is
  // (else a fallback: "the channel" names the signup channel, or the channel of the purchase there)
  for (const [re, key] of KIND_WORDS) if (re.test(target)) (refs.strong.size ? refs.weak : refs.strong).add(key);
  return refs;
}

function conjuncts(seg: Segment, catalog: Catalog): Conjunct[] {
  const list = seg.where.kind === 'and' ? seg.where.children : [seg.where];
  return list.map((node) => ({ node, keys: signature(node, catalog) }));
}

function rebuild(list: SegmentNode[], base: Segment, text: string): Segment {
  const where: SegmentNode = list.length === 1 ? list[0]! : { kind: 'and', children: list };
  const seg: Segment = { version: SEGMENT_VERSION, where };
  const desc = [base.description, text].filter(Boolean).join(' | ').slice(0, 1000);
  if (desc) seg.description = desc;
  if (base.name) seg.name = base.name;
  return seg;
}

const path = (i: number, n: number) => (n === 1 ? 'where' : `where.children[${i}]`);

/**
 * "engaged means opened in the last 30 days" for "engaged with email": an open or click said with
 * no channel takes the one channel of the rule it replaces ("opened an email in the last 30 days").
 */
function withRuleChannel(said: string, old: string, current: Segment, catalog: Catalog): [string, string] {
  const words = old
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2 && w !== 'the' && w !== 'rule');
  const named: { label: string; names: string }[] = [];
  mapLeaves(current.where, (leaf) => {
    if (leaf.kind !== 'rule') return leaf;
    const rule = catalog.rules.find((r) => r.id === leaf.rule);
    const names = [rule?.label ?? '', ...(rule?.synonyms ?? [])].join(' ').toLowerCase();
    // the words head the rule's name ("engaged" for "engaged with email"; not "push" for "reachable by push")
    const label = (rule?.label ?? '').toLowerCase();
    if (words.length && label.startsWith(words.join(' '))) named.push({ label, names });
    return leaf;
  });
  // the one rule there the words name is the part replaced, by its full name ("engaged" -> "engaged with email")
  if (named.length !== 1) return [old, said];
  const { label, names } = named[0]!;
  const channels = ['email', 'sms', 'push'].filter((ch) => new RegExp(`\\b${ch}\\b`).test(names));
  const bare =
    /\b(?:opened|clicked|open|click)\b/i.test(said) && !/\b(?:emails?|sms|texts?|push(?:es)?|app)\b/i.test(said);
  if (!bare || channels.length !== 1) return [label, said];
  const ch = channels[0];
  const noun = ch === 'email' ? 'an email' : ch === 'sms' ? 'an SMS' : 'a push';
  return [label, said.replace(/\b(opened|clicked|open|click)\b/i, `$1 ${noun}`)];
}

/** "sort by spend", "rank them by churn risk": an order asked for, not a condition. */
const SORT =
  /^(?:sort|order|rank|rerank|re-rank)\s+(?:them|it|this|that|these|those|the (?:list|segment|results?|customers))?\s*(?:by|on)\b/i;

/** "the rest of the gold members", "what about the rest of the parents?". */
const REST_OF =
  /^(?:(?:and|now|then|what about|how about|show me)\s+)*(?:all\s+)?the\s+rest\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?(.+?)\s*[?.!]*$/i;

/** Verbs that can only be about the segment there ("make it", "bump", "swap", "undo"). */

const EXPLICIT_EDIT =
  /^(?:any|make (?:it|that|this|them)|change|set|switch|swap|replace|bump|raise|lower|redo|double|triple|halve|keep only|increase|decrease|reduce|widen|expand|broaden|narrow|tighten|loosen|flip|negate|invert|reverse|undo|revert|move|shift|drop|remove|forget|lose|ditch|delete|take out|get rid of|(?:put|bring) .+ back)\b|\binstead\b/i;

/**
 * Edits `current` by the turn; undefined when the turn cannot be read as an edit (it may be a
 * new request). A turn that can only be an edit but is not understood is refused with the reason,
 * rather than read as a new request or answered with the segment unchanged.
 */
export function editSegment(
  current: Segment,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  // "sort by spend", "rank them by churn risk": an order is no condition on who is in the segment
  if (SORT.test(prep(text.trim(), engine).replace(LEAD_NOISE, '')))
    return {
      status: 'refuse',
      reason: `"${text.trim()}" asks for an order, and a segment is a set of customers with no order; say which customers to keep (for example "only the ones who spent over $500")`,
      missing: [],
      nearest: [],
    };
  // "make it men, drop the coupon": two edits, one after the other
  const two = COMPOUND.exec(prep(text.trim(), engine).replace(LEAD_NOISE, ''));
  if (two) {
    const first = editTurn(current, two[1]!, ctx, engine);
    if (first?.status === 'segment' && !sameWhere(first.segment, current)) {
      const next: UnderstandContext = { ...ctx, current: first.segment, previous: [...(ctx.previous ?? []), current] };
      const second = editSegment(first.segment, two[2]!, next, engine);
      if (second?.status === 'segment')
        return { ...second, changes: [...(first.changes ?? []), ...(second.changes ?? [])] };
    }
  }
  const res = editTurn(current, text, ctx, engine);
  // an edit that leaves every condition as it was was not understood: say so, never answer as if it were done
  if (res?.status === 'segment' && sameWhere(res.segment, current))
    return {
      status: 'refuse',
      reason: `"${text.trim()}" leaves the segment as it was; say which condition to change and how (for example "drop the age" or "make it Texas")`,
      missing: [],
      nearest: [],
    };
  // "exclude store 14" after "bought at store 14": the condition required and left out at once selects no one
  if (res?.status === 'segment' && selfExcluding(res.segment.where) && !selfExcluding(current.where)) {
    const kept = withoutClashes((res.segment.where as Extract<SegmentNode, { kind: 'and' }>).children);
    const question = `"${text.trim()}" would leave out everyone: the segment requires what it excludes. Drop that condition instead?`;
    if (!kept.length) return { status: 'refuse', reason: question, missing: [], nearest: [] };
    const dropped = finish(engine, rebuild(kept, current, text), text, ctx, [], 0.6);
    if (dropped.status !== 'segment') return { status: 'refuse', reason: question, missing: [], nearest: [] };
    return { status: 'clarify', question, options: [{ label: 'drop that condition', segment: dropped.segment }] };
  }
  if (res) return res;
  const t = prep(text.trim(), engine).replace(LEAD_NOISE, '').replace(CORRECTION, '').trim();
  if (!EXPLICIT_EDIT.test(t)) return undefined;
  const fresh = engine.create(text, ctx);
  if (fresh.status === 'segment' || fresh.status === 'clarify') return fresh;
  const drop = /^(?:any|drop|remove|forget|lose|ditch|delete|take out|get rid of)\b/i.test(t);
  const named = stripMarkers(t.replace(/^any\s+/i, ''), 'remove', engine.catalog);
  const reason = drop
    ? `the segment has no condition that "${named}" names, so nothing was removed`
    : `I could not tell what to change in the segment from "${text.trim()}"; say which condition and its new value (for example "make the window 90 days" or "raise the spend to $800")`;
  return { status: 'refuse', reason, missing: [], nearest: fresh.status === 'refuse' ? fresh.nearest : [] };
}

/** The conditions of an "and" group, without the ones both required and excluded. */
function withoutClashes(kids: SegmentNode[]): SegmentNode[] {
  const clash = (a: SegmentNode, b: SegmentNode) =>
    (a.kind === 'not' && covers(a.child, b)) ||
    (b.kind === 'not' && covers(b.child, a)) ||
    (a.kind === 'attribute' &&
      b.kind === 'attribute' &&
      a.facet === b.facet &&
      a.value === b.value &&
      [a.op, b.op].sort().join() === 'eq,neq');
  return kids.filter((a) => !kids.some((b) => b !== a && clash(a, b)));
}

/** Two segments that select by the same conditions. */
function sameWhere(a: Segment, b: Segment): boolean {
  return JSON.stringify(canon(a.where)) === JSON.stringify(canon(b.where));
}

/** "make it men, drop the coupon", "swap gold for silver and add ohio": an edit, then another. */
const EDIT_VERB =
  '(?:make|change|swap|switch|replace|drop|remove|lose|ditch|add|exclude|set|raise|lower|bump|increase|decrease|widen|narrow|flip|negate|put|bring)';
const COMPOUND = new RegExp(
  `^(${EDIT_VERB}\\b.+?)\\s*(?:[,;]\\s*(?:and\\s+|then\\s+|also\\s+)?|\\s+(?:and|then|and then)\\s+)(${EDIT_VERB}\\b.+)$`,
  'i',
);

/** An "and" group that requires a condition and excludes it too ("bought X" and "did not buy X"). */
function selfExcluding(where: SegmentNode): boolean {
  if (where.kind !== 'and') return false;
  return withoutClashes(where.children).length < where.children.length;
}

/** Everyone `b` selects, `x` selects too: the same node, or the same purchase in any window. */
function covers(x: SegmentNode, b: SegmentNode): boolean {
  const key = (n: SegmentNode) => JSON.stringify(canon(n));
  if (key(x) === key(b)) return true;
  if (x.kind !== 'purchase' || b.kind !== 'purchase' || x.window || x.threshold || b.threshold) return false;
  const { window: _w, ...rest } = b;
  return key(x) === key(rest as SegmentNode);
}

/** Edits `current` by the turn; undefined when the turn cannot be read as an edit. */
function editTurn(
  current: Segment,
  text: string,
  ctx: UnderstandContext,
  engine: UnderstandingEngine,
): UnderstandingResult | undefined {
  const catalog = engine.catalog;
  // "lol no women", "oh no, texas": a correction said with a filler (the filler alone is noise)
  let t = prep(text.trim(), engine).replace(FILLER_NO, '').replace(LEAD_NOISE, '').trim();
  // "nvm undo", "never mind, put it back": the words after say what to do
  t = t.replace(/^never ?mind[\s,.!-]+(?=(?:undo|revert|go back|redo|put|bring|make|just|only)\b)/i, '');
  // "nvm, silver": what follows the comma corrects the last turn
  t = t.replace(/^never ?mind\s*[,;:.!\u2014\u2013-]+\s*(?=\S)/i, '');
  // "no wait, NOT likely to churn", "actually no - Atlanta only": the rest corrects the last turn
  const corr = CORRECTION.exec(t);
  if (corr && corr[0].length < t.length) t = t.slice(corr[0].length).replace(LEAD_NOISE, '').trim();
  // "scratch that, lapsed customers in the west": the last turn is dropped and the rest read in its place
  const scratch = SCRATCH.exec(t);
  if (scratch) {
    const prev = ctx.previous ?? [];
    const base = prev.length ? prev[prev.length - 1]! : undefined;
    const rest = scratch[1]!.trim();
    if (base) {
      const next: UnderstandContext = { ...ctx, current: base, previous: prev.slice(0, -1) };
      if (looksLikeEdit(rest, engine, next)) return editSegment(base, rest, next, engine);
    } else if (SCRATCH_EDIT.test(rest)) return editSegment(current, rest, ctx, engine);
    const { current: _c, previous: _p, ...fresh } = ctx;
    return engine.understand(rest, fresh);
  }
  // "start over: men in Ohio", "new audience - gold members": a request of its own, not an edit
  const fresh = START_OVER.exec(t);
  if (fresh && fresh[1]!.trim()) {
    const { current: _c, previous: _p, ...rest } = ctx;
    return engine.understand(fresh[1]!.trim(), rest);
  }
  // "and change age to 25-45": the verb says how, not the "and"
  t = t.replace(
    /^(?:and|but|so|then|also)\s+(?=(?:change|make|swap|switch|replace|bump|raise|lower|set|move|increase|decrease|widen|narrow|expand|flip|negate|invert|undo|revert|put)\b)/i,
    '',
  );
  // "make it Q2": the year of the window there (else this year)
  t = withQuarterYear(t, current, ctx.asOf);
  // "include 100-150k too": the band the numbers name
  t = withBandLabels(t, catalog);
  // "put Arizona back in": out of the exclusion, or back from an earlier turn
  const pb = PUT_BACK.exec(t);
  const putBack = pb ? (pb[1] ?? pb[2])! : '';
  // "add it back", "put that back": what the last turn took out
  if (putBack && /^(?:it|that|this|them|those|these)$/i.test(putBack) && ctx.previous?.length) {
    const last = conjuncts(ctx.previous[ctx.previous.length - 1]!, catalog);
    const now = conjuncts(current, catalog);
    const gone = last.filter((c) => !now.some((n) => same(n.node, c.node)));
    if (gone.length) {
      const list = now.map((c) => c.node);
      const changes: Change[] = [];
      for (const g of gone) {
        // in the place of what took its place, if anything did
        const i = list.findIndex((n) => sameSlot({ node: n, keys: signature(n, catalog) }, g));
        if (i >= 0 && !last.some((c) => same(c.node, list[i]!))) {
          changes.push({ op: 'replace', path: path(i, list.length), before: list[i], after: g.node });
          list[i] = g.node;
        } else {
          list.push(g.node);
          changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after: g.node });
        }
      }
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  if (putBack && !/^(?:it|that|this|them|those|these|things|everything)$/i.test(putBack)) {
    const { strong } = targetRefs(putBack, engine, ctx);
    const excluded = conjuncts(current, catalog).some(
      (c) => isNegative(c.node) && [...strong].some((k) => c.keys.has(k)),
    );
    if (excluded) return editTurn(current, `include ${putBack}`, ctx, engine);
    const restored = undo(current, `undo ${putBack}`, text, ctx, engine);
    if (restored) return restored;
    return editTurn(current, `add ${putBack}`, ctx, engine);
  }
  // "add the next band up", "one bracket lower instead"
  const banded = nextBand(current, t, text, ctx, engine);
  if (banded) return banded;
  // "make it bottom 2", "top 3 instead": deciles of the one model there
  const ranked = rankEdit(current, t, text, ctx, engine);
  if (ranked) return ranked;
  // "bump the upper limit to ten thousand", "lower the floor to 20"
  const endMoved = boundEdit(current, t, text, ctx, engine) ?? stretch(current, t, text, ctx, engine);
  if (endMoved) return endMoved;
  // "the rest of the gold members" after "gold members in Texas": those named, without the others there
  const rest = REST_OF.exec(t);
  if (rest) {
    const conj = conjuncts(current, engine.catalog);
    const named = build(engine, rest[1]!, ctx);
    const keep = named && !named.ambiguity ? flatten(named.node) : [];
    const kept = conj.filter((c) => keep.some((p) => same(c.node, p)));
    const others = conj.filter((c) => !kept.includes(c));
    if (kept.length === keep.length && kept.length && others.length) {
      const after: SegmentNode = { kind: 'not', child: andOf(others.map((c) => c.node)) };
      const list = [...kept.map((c) => c.node), after];
      const changes: Change[] = [{ op: 'replace', path: 'where', before: current.where, after: andOf(list) }];
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.75);
    }
  }
  // "both genders", "all ages", "any tier": the condition on that goes
  const allOf = ALL_OF.exec(t);
  if (allOf) {
    const said = allOf[1]!.toLowerCase();
    const facet = /^sexes$/.test(said) ? 'gender' : said.replace(/s$/, '');
    const dropped = editSegment(current, `remove the ${facet}`, ctx, engine);
    if (dropped?.status === 'segment') return dropped;
  }
  // "any nike product" after "bought Nike shoes": the items of the purchase there, only as wide as said
  const anyItem = ANY_ITEM.exec(t);
  if (anyItem) {
    const said = build(engine, `bought ${anyItem[1]!}`, ctx);
    const p = said && !said.ambiguity ? flatten(said.node) : [];
    const item = p.length === 1 && p[0]!.kind === 'purchase' ? p[0]!.item : undefined;
    const list = conjuncts(current, catalog).map((c) => c.node);
    const i = item
      ? list.findIndex((n) => {
          if (n.kind !== 'purchase' || !n.item) return false;
          const have = n.item as Record<string, unknown>;
          const want = Object.entries(item as Record<string, unknown>);
          return (
            Object.keys(have).length > want.length &&
            want.every(([k, v]) => JSON.stringify(canon(have[k])) === JSON.stringify(canon(v)))
          );
        })
      : -1;
    if (i >= 0) {
      const before = list[i]!;
      const after = { ...before, item } as SegmentNode;
      list[i] = after;
      return finish(
        engine,
        rebuild(list, current, text),
        text,
        ctx,
        [{ op: 'replace', path: path(i, list.length), before, after }],
        0.8,
      );
    }
  }
  // "5 years older", "+5 years", "a bit younger": the ages there move
  // "a bit older, like 25-35": the ages said are the edit
  if (AGE_VAGUE.test(t) && /\d+\s*(?:-|to|\u2013)\s*\d+/.test(t))
    t = t
      .replace(AGE_VAGUE, '')
      .replace(/^[\s,;:-]*(?:like|say|maybe|so|eg|e\.g\.)?[\s,]*/i, '')
      .trim();
  const aged = ageShift(current, t, text, ctx, engine);
  if (aged) return aged;
  // "redo", "redo that": the segment the last undo went back from
  if (REDO.test(t)) {
    const prev = ctx.previous ?? [];
    const key = (x: Segment) => JSON.stringify(canon(x.where));
    const undid = prev.length >= 2 && prev.slice(0, -1).some((x) => key(x) === key(current));
    if (!undid) return { status: 'refuse', reason: 'there is no undone change to redo', missing: [], nearest: [] };
    const target = prev[prev.length - 1]!;
    const changes: Change[] = [{ op: 'replace', path: 'where', before: current.where, after: target.where }];
    return finish(engine, rebuild(flatten(target.where), target, text), text, ctx, changes, 0.9);
  }
  // "drop everything but the shoes", "keep only the location": the conditions named stay
  const keepOnly = KEEP_ONLY.exec(t);
  if (keepOnly) {
    const named = (keepOnly[1] ?? keepOnly[2])!;
    const { strong, weak } = targetRefs(named, engine, ctx);
    const conj = conjuncts(current, catalog);
    let hits = conj.filter((c) => [...strong].some((k) => c.keys.has(k)));
    if (!hits.length) hits = conj.filter((c) => [...weak].some((k) => c.keys.has(k)));
    if (hits.length && hits.length < conj.length) {
      const changes: Change[] = conj.flatMap((c, i) =>
        hits.includes(c) ? [] : [{ op: 'remove' as const, path: path(i, conj.length), before: c.node }],
      );
      return finish(
        engine,
        rebuild(
          hits.map((c) => c.node),
          current,
          text,
        ),
        text,
        ctx,
        changes,
        0.85,
      );
    }
  }
  // "everyone, not just women", "not only Texas": the condition named goes
  const notJust = NOT_JUST.exec(t);
  if (notJust) {
    const widened = editTurn(current, `remove ${notJust[1]!.trim()}`, ctx, engine);
    if (widened) return widened;
  }
  // "doesn't matter if they have kids", "income doesn't matter": the condition named goes
  const dontCare = DONT_CARE.exec(t);
  if (dontCare) {
    const dropped = editTurn(current, `remove ${(dontCare[1] ?? dontCare[2])!.trim()}`, ctx, engine);
    if (dropped) return dropped;
  }
  // "never used one" after "used a coupon": the behaviour there, turned around
  if (NEG_PRONOUN.test(t)) t = "the ones who didn't";
  // "people who did use one" after "never used a coupon": the one negated condition turned around
  if (POSITIVE_PEOPLE.test(t)) {
    const conj = conjuncts(current, catalog);
    const negs = conj.filter((c) => c.node.kind === 'not');
    if (negs.length === 1) {
      const i = conj.indexOf(negs[0]!);
      const before = negs[0]!.node as Extract<SegmentNode, { kind: 'not' }>;
      const list = conj.map((c) => c.node);
      list[i] = before.child;
      const changes: Change[] = [{ op: 'replace', path: path(i, list.length), before, after: before.child }];
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  // "double it", "halve the spend": the one number there, scaled
  const scaled = scaleEdit(current, t, text, ctx, engine);
  if (scaled) return scaled;
  // "a bit more", "lower the threshold a little": how much is asked (the ages have their own)
  if (VAGUE_MOVE.test(t) && !AGE_VAGUE.test(t)) {
    const down = /\b(?:less|lower|fewer|decrease|reduce|cut|drop)\b/i.test(t);
    const options = [10, 25].flatMap((n) => {
      const r = scaleEdit(current, `${down ? 'lower' : 'raise'} it by ${n}%`, text, ctx, engine);
      return r?.status === 'segment' ? [{ label: `${n}% ${down ? 'lower' : 'higher'}`, segment: r.segment }] : [];
    });
    if (options.length === 2) return { status: 'clarify', question: 'By how much?', options };
  }
  // "drop the second one", "remove the last part": the condition at that place, as the segment reads
  const pos = POSITION.exec(t);
  if (pos) {
    const conj = conjuncts(current, catalog);
    const word = pos[1]!.toLowerCase();
    const i = /^(?:last|final)$/.test(word) ? conj.length - 1 : (ORDINAL[word] ?? 0) - 1;
    if (i < 0 || i >= conj.length)
      return {
        status: 'refuse',
        reason: `the segment has ${conj.length} condition${conj.length === 1 ? '' : 's'}, so there is no ${word} one to remove`,
        missing: [],
        nearest: [],
      };
    if (conj.length === 1)
      return {
        status: 'refuse',
        reason: 'that would remove every condition; say who the customers are',
        missing: [],
        nearest: [],
      };
    const keep = conj.filter((_, j) => j !== i).map((c) => c.node);
    const changes: Change[] = [{ op: 'remove', path: path(i, conj.length), before: conj[i]!.node }];
    return finish(engine, rebuild(keep, current, text), text, ctx, changes, 0.8);
  }
  // "undo that", "go back", "undo the age filter"
  const undone = undo(current, t, text, ctx, engine);
  if (undone) return undone;
  // "any gender actually, just parents": the facet goes, then the rest is read on what is left
  // "forget the shoes, just Texas gold members": the same, with a condition dropped first
  const anyClause = ANY_CLAUSE.exec(t) ?? DROP_CLAUSE.exec(t);
  // "forget the wine, any Grocery": what is said next fills the slot dropped, so it is a swap
  if (anyClause && !/^any\s/i.test(anyClause[0])) {
    const target = stripMarkers(anyClause[1]!, 'remove', engine.catalog);
    const { strong, weak } = targetRefs(target, engine, ctx);
    const conj0 = conjuncts(current, catalog);
    let hits = conj0.filter((c) => [...strong].some((k) => c.keys.has(k)));
    if (!hits.length) hits = conj0.filter((c) => [...weak].some((k) => c.keys.has(k)));
    const said = hits.length === 1 ? build(engine, stripMarkers(anyClause[2]!, 'add', engine.catalog), ctx) : undefined;
    const parts = said && !said.ambiguity ? flatten(said.node) : [];
    if (parts.length === 1 && slotMatch(hits[0]!.node, parts[0]!, catalog)) {
      const swapped = editTurn(current, `swap ${target} for ${anyClause[2]!}`, ctx, engine);
      if (swapped?.status === 'segment') return swapped;
    }
  }
  // "not California, Oregon", "Oregon, not California": the one there, swapped for the other
  const notXY =
    /^(?:no|not)\s+([^,;:\u2014\u2013]+?)(?:\s+-+\s+|\s*[,;:\u2014\u2013]+\s*)(?:but\s+|rather\s+|instead\s+|just\s+)?(.+)$/i.exec(
      t,
    );
  const yNotX = /^(.+?)(?:\s*[,;]\s*|\s+)(?:and\s+|but\s+)?not\s+(.+?)\s*[.!]*$/i.exec(t);
  for (const [oldSaid, newSaid] of [notXY ? [notXY[1]!, notXY[2]!] : [], yNotX ? [yNotX[2]!, yNotX[1]!] : []]) {
    if (!oldSaid || !newSaid) continue;
    const { strong } = targetRefs(oldSaid, engine, ctx);
    const hits = conjuncts(current, catalog).filter(
      (c) => !isNegative(c.node) && [...strong].some((k) => c.keys.has(k)),
    );
    const said = hits.length === 1 ? build(engine, stripMarkers(newSaid, 'add', catalog), ctx) : undefined;
    const parts = said && !said.ambiguity ? flatten(said.node) : [];
    if (parts.length === 1 && slotMatch(hits[0]!.node, parts[0]!, catalog)) {
      const swapped = editTurn(current, `swap ${oldSaid} for ${newSaid}`, ctx, engine);
      if (swapped?.status === 'segment') return swapped;
    }
  }
  if (anyClause) {
    const head = /^any\s/i.test(anyClause[0]) ? `remove ${anyClause[1]!}` : anyClause[1]!;
    const dropped = editTurn(current, head, ctx, engine);
    if (dropped?.status === 'segment') {
      const next: UnderstandContext = {
        ...ctx,
        current: dropped.segment,
        previous: [...(ctx.previous ?? []), current],
      };
      const rest = editTurn(dropped.segment, anyClause[2]!, next, engine);
      if (rest?.status === 'segment')
        return { ...rest, changes: [...(dropped.changes ?? []), ...(rest.changes ?? [])] };
      return rest ?? dropped;
    }
  }
  // "now the opposite - no coupon ytd": the rest says what the opposite is
  let mode: Mode = 'add';
  for (const m of MARKERS) {
    if (m.re.test(t)) {
      mode = m.mode;
      break;
    }
  }
  // "exclude the shoes part": the part named, turned around (not a second, negated copy)
  if (mode === 'exclude' && /\b(?:part|bit|piece|condition|filter|criteri(?:on|a))s?\b/i.test(t)) {
    const part = t.replace(
      /^(?:and\s+|but\s+|also\s+|now\s+)?(?:exclude|excluding|except|minus|but not|not|leave out|filter out|without)\s+/i,
      '',
    );
    const negated = editTurn(current, `negate ${part}`, ctx, engine);
    if (negated?.status === 'segment') return negated;
  }
  if (mode === 'negate')
    t = t
      .replace(NEGATE, '')
      .replace(/\b(?:please|pls|thanks|thank you)\b/gi, '')
      .trim()
      .replace(/^[\s,:;.!\u2014\u2013-]+/, '')
      .replace(
        /^(?:the\s+)?(?:ones|those|people|customers)\s+(?:who|that)\s+(?:have|has|did|do|are|were)\s*[.!]*$/i,
        '',
      )
      .replace(NEGATED_PEOPLE, '');
  // "swap gold for silver", "Texas instead of California", "I meant Adidas, not Nike", "use X instead of Y"
  let oldPart = '';
  let newPart = t;
  let m: RegExpExecArray | null;
  if ((m = /^(?:please\s+)?(?:swap|switch|replace|change)\s+(.+?)\s+(?:for|with|to|into)\s+(.+)$/i.exec(t))) {
    oldPart = m[1]!;
    newPart = m[2]!;
    mode = 'replace';
  } else if ((m = INSTEAD_OF_FIRST.exec(t))) {
    // "instead of the lapsed rule, use no purchase in 180 days"
    [oldPart, newPart] = withRuleChannel(m[2]!, m[1]!, current, catalog);
    mode = 'replace';
  } else if ((m = /^(.*?)\s*\b(?:instead of|rather than|in place of)\b\s*(.+)$/i.exec(t))) {
    newPart = m[1]!;
    oldPart = m[2]!;
    mode = 'replace';
  } else if ((m = /^(?:i\s+)?meant\s+(.+?),?\s+not\s+(.+)$/i.exec(t))) {
    newPart = m[1]!;
    oldPart = m[2]!;
    mode = 'replace';
  } else if ((m = NOT_USE.exec(t))) {
    oldPart = m[1]!;
    newPart = m[2]!;
    mode = 'replace';
  }
  const cleaned = stripMarkers(newPart, mode, catalog);
  const conj = conjuncts(current, catalog);
  const changes: Change[] = [];

  // "not just 90 days", "drop the last 30 days": a time named alone is the window
  const timeOnly =
    mode === 'remove' &&
    /\d|\b(?:days?|weeks?|months?|years?|quarters?|ytd|mtd)\b/i.test(newPart) &&
    (() => {
      const { strong } = targetRefs(newPart, engine, ctx);
      return strong.size === 1 && strong.has('window');
    })();
  const noWindow = NO_WINDOW.test(cleaned) || NO_WINDOW.test(t) || timeOnly;
  if ((mode === 'remove' && WINDOW_WORDS.test(cleaned)) || noWindow) {
    let changed = false;
    const edited = conj.map((c, i) =>
      mapLeaves(c.node, (leaf) => {
        if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.window) {
          const { window: _w, ...after } = leaf;
          changed = true;
          changes.push({ op: 'replace', path: path(i, conj.length), before: leaf, after });
          return after;
        }
        return leaf;
      }),
    );
    if (changed) return finish(engine, rebuild(edited, current, text), text, ctx, changes, 0.85);
    if (mode === 'remove') return undefined;
  }
  if (mode === 'remove') {
    const { strong, weak } = targetRefs(newPart, engine, ctx);
    let used = strong;
    let hits = conj.filter((c) => [...strong].some((k) => c.keys.has(k)));
    if (!hits.length) {
      used = weak;
      hits = conj.filter((c) => [...weak].some((k) => c.keys.has(k)));
    }
    if (!hits.length) return undefined;
    const keep: SegmentNode[] = [];
    conj.forEach((c, i) => {
      if (!hits.includes(c)) return keep.push(c.node);
      const n = c.node;
      // one part of a rule: "any gender" after "moms" keeps the parents
      if (n.kind === 'rule' && !used.has(`rule:${n.rule}`)) {
        const def = catalog.rules.find((r) => r.id === n.rule)?.definition;
        if (def?.kind === 'and') {
          // "drop the city" of "the Bay Area": the city, not every place word
          const precise = [...used].filter(
            (k) => k !== 'geo' && def.children.some((d) => signature(d, catalog).has(k)),
          );
          const keys = precise.length ? precise : [...used];
          const rest = def.children.filter((d) => !keys.some((k) => signature(d, catalog).has(k)));
          if (rest.length && rest.length < def.children.length) {
            changes.push({ op: 'replace', path: path(i, conj.length), before: n, after: andOf(rest) });
            return keep.push(...rest);
          }
        }
      }
      // one item of a purchase: "drop Starbucks" keeps the Coffee & Tea purchase
      if ((n.kind === 'purchase' || n.kind === 'event') && n.item) {
        const mine = [...used].filter((k) => c.keys.has(k));
        // "any department" after "bought pet stuff": the items go, the purchase stays
        const fields = mine.filter((k) => k.startsWith('field:')).map((k) => k.slice(6));
        if (n.kind === 'purchase' && fields.length && fields.length === mine.length) {
          const item = { ...n.item } as Record<string, unknown>;
          for (const f of fields) delete item[f];
          const after = { ...n } as Extract<SegmentNode, { kind: 'purchase' }>;
          if (Object.keys(item).length) after.item = item as ItemFilter;
          else delete after.item;
          changes.push({ op: 'replace', path: path(i, conj.length), before: n, after });
          return keep.push(after);
        }
        if (mine.length && mine.every((k) => k.startsWith('item:'))) {
          const item = { ...n.item } as Record<string, unknown>;
          for (const k of mine) {
            const [, field, value] = k.split(':') as [string, string, string | undefined];
            const v = item[field];
            if (value !== undefined && Array.isArray(v)) {
              const left = v.filter((x) => String(x) !== value);
              if (left.length) item[field] = left;
              else delete item[field];
            } else delete item[field];
          }
          if (Object.keys(item).length) {
            const after = { ...n, item: item as ItemFilter } as SegmentNode;
            changes.push({ op: 'replace', path: path(i, conj.length), before: n, after });
            return keep.push(after);
          }
        }
      }
      // one part of a purchase: "drop the coupon part" keeps the Home purchase in its window
      if (n.kind === 'purchase' && n.order) {
        const orderKeys = Object.keys(n.order).filter((k) => used.has(`order:${k}`));
        const otherHits = [...used].some((k) => !k.startsWith('order:') && c.keys.has(k));
        if (
          orderKeys.length &&
          !otherHits &&
          (n.item || n.threshold || Object.keys(n.order).length > orderKeys.length)
        ) {
          const order = { ...n.order } as Record<string, unknown>;
          for (const k of orderKeys) delete order[k];
          const after: SegmentNode = { ...n };
          if (Object.keys(order).length) after.order = order as typeof n.order;
          else delete after.order;
          changes.push({ op: 'replace', path: path(i, conj.length), before: n, after });
          return keep.push(after);
        }
      }
      // one value out of a list: "drop California"
      if (n.kind === 'attribute' && (n.op === 'in' || n.op === 'not_in') && n.values && n.values.length > 1) {
        const drop = n.values.filter((v) => strong.has(`value:${n.facet}:${String(v)}`));
        if (drop.length && drop.length < n.values.length) {
          const values = n.values.filter((v) => !drop.includes(v));
          const after: SegmentNode =
            values.length === 1
              ? { kind: 'attribute', facet: n.facet, op: n.op === 'in' ? 'eq' : 'neq', value: values[0]! }
              : { ...n, values };
          changes.push({ op: 'replace', path: path(i, conj.length), before: n, after });
          return keep.push(after);
        }
      }
      changes.push({ op: 'remove', path: path(i, conj.length), before: n });
      return undefined;
    });
    if (!keep.length)
      return {
        status: 'refuse',
        reason: 'that would remove every condition; say who the customers are',
        missing: [],
        nearest: [],
      };
    return finish(engine, rebuild(keep, current, text), text, ctx, changes, 0.85);
  }

  // "now the opposite": the condition it names (or the only one) is negated
  if (mode === 'negate') {
    // "negate the purchase part", "flip the coupon bit": the one condition the words name
    let idx = -1;
    if (cleaned) {
      const { strong, weak } = targetRefs(cleaned, engine, ctx);
      for (const keys of [strong, weak]) {
        const hits = conj.flatMap((c, i) => ([...keys].some((k) => c.keys.has(k)) ? [i] : []));
        if (hits.length === 1) {
          idx = hits[0]!;
          break;
        }
      }
    }
    const probe = idx < 0 ? build(engine, cleaned, ctx) : undefined;
    const target = probe ? flatten(probe.node) : [];
    if (idx < 0 && target.length) idx = conj.findIndex((c) => target.some((p) => slotMatch(c.node, p, catalog)));
    if (idx < 0 && conj.length === 1) idx = 0;
    // "flip it": the one negated condition there is the one to turn around
    if (idx < 0 && conj.filter((c) => c.node.kind === 'not').length === 1)
      idx = conj.findIndex((c) => c.node.kind === 'not');
    // "the ones who did not": the one thing people did there
    const did = (n: SegmentNode) => n.kind === 'purchase' || n.kind === 'event';
    if (idx < 0 && !cleaned && conj.filter((c) => did(c.node)).length === 1) idx = conj.findIndex((c) => did(c.node));
    // "now the opposite" after "women in California": which condition turns around is asked, one option each
    if (idx < 0 && !cleaned && conj.length > 1) {
      const options = conj.flatMap((c, i) => {
        const list = conj.map((x) => x.node);
        list[i] = c.node.kind === 'not' ? c.node.child : { kind: 'not', child: c.node };
        const r = finish(engine, rebuild(list, current, text), text, ctx, [], 0.6);
        return r.status === 'segment' ? [{ label: r.explanation.text, segment: r.segment }] : [];
      });
      if (options.length)
        return { status: 'clarify', question: `Which condition should "${text.trim()}" turn around?`, options };
    }
    if (idx < 0) return undefined;
    const before = conj[idx]!.node;
    const after: SegmentNode = before.kind === 'not' ? before.child : { kind: 'not', child: before };
    const list = conj.map((c) => c.node);
    list[idx] = after;
    changes.push({ op: 'replace', path: path(idx, list.length), before, after });
    return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
  }
  // a rank or level alone ("top 5%", "medium instead") is for the model already there
  const probeChunks = engine.analyze(cleaned || t, ctx.asOf).chunks;
  const rankOnly =
    probeChunks.some((c) => c.qty?.kind === 'rank') &&
    !probeChunks.some((c) => c.senses.some((s) => s.t === 'model' || s.t === 'rule'));
  // "sms instead of email" for a subscription: the boolean facet the new word names
  // ("switch to SMS" when there is one subscription to switch)
  const booleans = conj
    .map((c, i) => ({ c, i }))
    .filter(
      (x) =>
        x.c.node.kind === 'attribute' &&
        catalog.facets.find((f) => f.name === (x.c.node as { facet: string }).facet)?.type === 'boolean',
    );
  if (oldPart || (mode === 'replace' && booleans.length === 1)) {
    const oldRefs0 = oldPart
      ? references(engine.analyze(stripMarkers(oldPart, 'replace', engine.catalog), ctx.asOf).chunks, engine)
      : { strong: new Set<string>(), weak: new Set<string>() };
    const target = oldPart
      ? conj.findIndex(
          (c) => c.node.kind === 'attribute' && [...oldRefs0.strong, ...oldRefs0.weak].some((k) => c.keys.has(k)),
        )
      : booleans[0]!.i;
    const tn = target >= 0 ? conj[target]!.node : undefined;
    if (tn && tn.kind === 'attribute' && catalog.facets.find((f) => f.name === tn.facet)?.type === 'boolean') {
      const stems = engine.analyze(cleaned, ctx.asOf).tokens.map((t) => t.stem);
      const facet = [...engine.lexicon.booleanBags].find(
        ([f, bag]) => f !== tn.facet && stems.some((s) => bag.has(s)),
      )?.[0];
      if (facet) {
        const after: SegmentNode = { ...tn, facet };
        const list = conj.map((c) => c.node);
        list[target] = after;
        changes.push({ op: 'replace', path: path(target, list.length), before: tn, after });
        return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
      }
    }
  }
  // what the turn says, as segment nodes
  let frag = rankOnly
    ? { node: { kind: 'and', children: [] } as SegmentNode, analysis: engine.analyze(cleaned || t, ctx.asOf) }
    : build(engine, cleaned || t, ctx);
  // "only in the app", "via pickup": a bare place or way of buying is about the purchase there
  if (!rankOnly && PREP_START.test(cleaned) && conj.some((c) => c.node.kind === 'purchase')) {
    const asPurchase = build(engine, `who bought ${cleaned}`, ctx);
    const n = asPurchase && !asPurchase.ambiguity ? asPurchase.node : undefined;
    if (n && n.kind === 'purchase' && n.order && !n.item) frag = asPurchase;
  }
  // "web instead" after "signed up in the app": a bare value of a facet there is a value of that facet
  const bare = rankOnly ? undefined : facetValueThere(conj, cleaned, catalog);
  if (bare && !(frag && !frag.ambiguity && flatten(frag.node).some((n) => sameFacet(n, bare))))
    frag = { node: bare, analysis: engine.analyze(cleaned, ctx.asOf) };
  // "make it 100k+" after "income over 150k", "make it 19" after "preferred store 14": a bare amount
  // or number no condition takes alone is a new value for the one facet there that reads it
  if (!rankOnly && /\d/.test(cleaned) && (!frag || frag.ambiguity || !flatten(frag.node).length)) {
    const reads = conj.flatMap((c) => {
      const n = c.node;
      if (n.kind !== 'attribute') return [];
      const facet = catalog.facets.find((f) => f.name === n.facet);
      const f2 = facet ? build(engine, `${facet.label} ${cleaned}`, ctx) : undefined;
      const got = f2 && !f2.ambiguity ? flatten(f2.node) : [];
      const g = got[0];
      // "150k+" read as an age next to ages 25 to 40: not a value it could take
      if (g?.kind === 'attribute' && !plausible(n, { op: 'eq', value: Math.max(...numbersOf(g)) })) return [];
      return got.length === 1 && sameFacet(n, got[0]!) ? [f2!] : [];
    });
    if (reads.length === 1) frag = reads[0];
  }
  // "and email" after "reachable by push": the rule named the same way with the new word, as well
  const oneWord = cleaned.replace(/^(?:and|or|plus|also)\s+/i, '');
  if (mode === 'extend' && !oldPart && (!frag || frag.ambiguity) && /^[a-z]+$/i.test(oneWord)) {
    for (const c of conj) {
      if (c.node.kind !== 'rule') continue;
      const rule = catalog.rules.find((r) => r.id === (c.node as { rule: string }).rule);
      const words = new Set(
        [rule?.label ?? '', ...(rule?.synonyms ?? [])].flatMap((x) => x.toLowerCase().split(/[^a-z]+/)),
      );
      for (const w of words) {
        if (w.length < 3) continue;
        const swapped = swapRuleWord([c], w, oneWord, catalog);
        if (!swapped) continue;
        const list = conj.map((x) => x.node);
        const i = list.indexOf(c.node);
        const either = /^(?:or|either)\b/i.test(t);
        const after: SegmentNode = either ? { kind: 'or', children: [c.node, swapped.after] } : swapped.after;
        if (either) list[i] = after;
        else list.push(after);
        changes.push(
          either
            ? { op: 'replace', path: path(i, list.length), before: c.node, after }
            : { op: 'add', path: `where.children[${list.length - 1}]`, after },
        );
        return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
      }
    }
  }
  // "or to SMS" after "opted in to email": either subscription ("and email" after "sms subscribers": both)
  const eitherSaid = /^(?:or|either)\b/i.test(t);
  const bothSaid = mode === 'extend' && /^(?:and|plus|also)\s+\S+\s*(?:too|as well)?\s*[.!]*$/i.test(t);
  if ((!frag || frag.ambiguity) && (eitherSaid || bothSaid) && booleans.length === 1) {
    const tn = booleans[0]!.c.node as Extract<SegmentNode, { kind: 'attribute' }>;
    const stems = engine.analyze(cleaned, ctx.asOf).tokens.map((x) => x.stem);
    const facet = [...engine.lexicon.booleanBags].find(
      ([f, bag]) => f !== tn.facet && stems.some((x) => bag.has(x)),
    )?.[0];
    // "and email" adds only a facet of the same kind ("sms_opt_in" -> "email_opt_in")
    const kin = (f: string) => f.split('_').slice(1).join('_');
    if (facet && !eitherSaid && kin(facet) && kin(facet) === kin(tn.facet)) {
      const list = conj.map((c) => c.node);
      const after: SegmentNode = { ...tn, facet };
      list.push(after);
      changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after });
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
    if (facet && eitherSaid) {
      const list = conj.map((c) => c.node);
      const after: SegmentNode = { kind: 'or', children: [tn, { ...tn, facet }] };
      list[booleans[0]!.i] = after;
      changes.push({ op: 'replace', path: path(booleans[0]!.i, list.length), before: tn, after });
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  // "swap push for email" after "reachable by push": the rule named the same way with the new word
  if (oldPart) {
    const swapped = swapRuleWord(conj, stripMarkers(oldPart, 'replace', engine.catalog), cleaned, catalog);
    if (swapped) {
      const list = conj.map((c) => c.node);
      changes.push({
        op: 'replace',
        path: path(swapped.i, list.length),
        before: list[swapped.i],
        after: swapped.after,
      });
      list[swapped.i] = swapped.after;
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  if (!frag) return undefined;
  if (frag.ambiguity) {
    // "clicked instead" after "opened an email": the reading on the channel already there
    const channels = new Set<string>();
    for (const c of conj)
      mapLeaves(c.node, (leaf) => {
        if (leaf.kind === 'event') for (const e of leaf.event_type) channels.add(e.split('_')[0]!);
        return leaf;
      });
    const sameChannel = frag.ambiguity.options.filter((o) => {
      const n = o.node.kind === 'not' ? o.node.child : o.node;
      return n.kind === 'event' && n.event_type.every((e) => channels.has(e.split('_')[0]!));
    });
    if (channels.size && sameChannel.length === 1) frag = { node: sameChannel[0]!.node, analysis: frag.analysis };
  }
  let pickedBy = new Set<string>();
  if (frag.ambiguity) {
    // "only high income ones, 100k+": the reading whose amounts are the ones said
    const amounts = (x: string) => x.toLowerCase().match(/\d+(?:\.\d+)?k?/g) ?? [];
    const said = new Set(amounts(cleaned));
    const fits = said.size
      ? frag.ambiguity.options.filter((o) => {
          const own = amounts(o.label);
          return own.length > 0 && own.every((x) => said.has(x));
        })
      : [];
    if (fits.length === 1) {
      frag = { node: fits[0]!.node, analysis: frag.analysis };
      pickedBy = said;
    }
  }
  if (frag.ambiguity) {
    // "only the big spenders": each reading added to the current segment
    const options = frag.ambiguity.options
      .map((o) => ({
        label: o.label,
        segment: rebuild([...conj.map((c) => c.node), ...flatten(o.node)], current, text),
      }))
      .filter((o) => verify(o.segment, { catalog, permissions: ctx.permissions, asOf: ctx.asOf }).ok)
      .slice(0, 4);
    if (options.length >= 2) return { status: 'clarify', question: frag.ambiguity.question, options };
  }
  let parts = flatten(frag.node);
  const a = frag.analysis;
  // "and on the web" read as no more than "made a purchase", after a purchase: the words said nothing
  // the segment does not already say, so the turn was not understood
  if (
    parts.some((p) => p.kind === 'purchase' && Object.keys(p).length === 1) &&
    !a.chunks.some((c) => c.senses.some((x) => x.t === 'verb')) &&
    conj.some((c) => c.node.kind === 'purchase')
  )
    return {
      status: 'refuse',
      reason: `I could not tell what "${cleaned}" adds to the purchase there; say what was bought, where, or when`,
      missing: [],
      nearest: [],
    };
  // "only moms whose baby is under 6 months old": a number no condition takes is a condition the
  // tenant cannot check; dropping it would select the wrong people
  // (an amount that picked the reading is used: "100k+" after "high income")
  const usedUp = (x: string) => {
    const nums = x.toLowerCase().match(/\d+(?:\.\d+)?k?/g) ?? [];
    return nums.length > 0 && nums.every((n) => pickedBy.has(n));
  };
  const lost = a.parse.unknown.filter((c) => !!c.qty && !usedUp(c.text));
  if (parts.length && lost.length)
    return refusal(
      catalog,
      lost.map((c) => c.text),
      ctx.permissions.pii,
    );
  // "only the ones with a lawn bigger than half an acre": words the parser found no meaning for are a
  // condition the tenant cannot check; answering with the rest would select the wrong people
  // (only where the words say something of the people or the thing named: right after "who"/"with", an item or a
  // value - "who like jazz", "a pet iguana" - not the editor's own words: "only if", "the rest of")
  const said = a.parse.unknown.filter((c) => {
    if (c.qty || (c.tokens.length === 1 && FILLER_WORDS.has(c.tokens[0]!.norm) && !/^[A-Z][a-z]/.test(c.text)))
      return false;
    let k = a.chunks.indexOf(c) - 1;
    while (k >= 0 && (a.chunks[k]!.stop || has(a.chunks[k], 'filler'))) k--;
    const prev = a.chunks[k];
    return !!prev && (has(prev, 'rel') || has(prev, 'with') || has(prev, 'item') || has(prev, 'value'));
  });
  if (parts.length && said.length)
    return refusal(
      catalog,
      said.map((c) => c.text),
      ctx.permissions.pii,
    );
  // "just the recent ones": which window, for the purchases and events there
  const vagueChunk = a.chunks.find((c) => c.time?.kind === 'ambiguous');
  const vague = vagueChunk?.time;
  if (!parts.length && vague?.kind === 'ambiguous') {
    const options = vague.options.flatMap((o) => {
      let changed = false;
      const list = conj.map((c) =>
        mapLeaves(c.node, (leaf) => {
          if (leaf.kind !== 'purchase' && leaf.kind !== 'event') return leaf;
          changed = true;
          return { ...leaf, window: o.window };
        }),
      );
      const seg = rebuild(list, current, text);
      return changed && verify(seg, { catalog, permissions: ctx.permissions, asOf: ctx.asOf }).ok
        ? [{ label: o.label, segment: seg }]
        : [];
    });
    if (options.length >= 2)
      return { status: 'clarify', question: `What does "${vagueChunk!.text}" mean here?`, options };
  }
  // "but didn't buy a TV in that time": the window of the segment there
  if (
    /\b(?:in|during|over|within) (?:that|the same|that same|this same) (?:time|period|window|timeframe|time frame|span)\b|\bsame (?:period|window|timeframe)\b/i.test(
      cleaned,
    )
  ) {
    let shared: Window | undefined;
    for (const c of conj)
      mapLeaves(c.node, (leaf) => {
        if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.window) shared = leaf.window;
        return leaf;
      });
    if (shared) {
      const w = shared;
      parts = parts.map((p) =>
        mapLeaves(p, (leaf) =>
          (leaf.kind === 'purchase' || leaf.kind === 'event') && !leaf.window ? { ...leaf, window: w } : leaf,
        ),
      );
    }
  }
  // "make that more than twenty": a bare number is not an age here
  if (
    parts.length === 1 &&
    parts[0]!.kind === 'attribute' &&
    parts[0]!.facet === engine.lexicon.roles.age &&
    a.parse.notes.some((n) => n.includes('read as age'))
  ) {
    const hasAge = conj.some((c) => c.keys.has(`facet:${engine.lexicon.roles.age}`));
    // "over 40" with no number to change is an age; with a threshold there, it changes the threshold
    const hasNumber = conj.some(
      (c) =>
        c.keys.has('threshold') ||
        (c.node.kind === 'model' && !!(c.node as { score?: unknown }).score) ||
        (c.node.kind === 'attribute' && ['gt', 'gte', 'lt', 'lte', 'between'].includes(c.node.op)),
    );
    if (!hasAge && hasNumber) parts = [];
  }
  const list = conj.map((c) => c.node);
  // "at least 3 times": a count for the one behaviour there
  {
    const only = parts.length === 1 ? parts[0]! : undefined;
    const behaviours = list.filter((n) => n.kind === 'purchase' || n.kind === 'event');
    if (
      only &&
      only.kind === 'purchase' &&
      only.threshold &&
      !only.item &&
      !only.order &&
      !only.window &&
      (only.measure ?? 'orders') === 'orders' &&
      /\b(?:times?|twice|once)\b/i.test(cleaned) &&
      !/\b(?:orders?|purchases?|bought|buy|ordered|transactions?)\b/i.test(cleaned) &&
      behaviours.length === 1
    ) {
      const i = list.indexOf(behaviours[0]!);
      const before = list[i]!;
      const after = { ...before, threshold: only.threshold } as SegmentNode;
      changes.push({ op: 'replace', path: path(i, list.length), before, after });
      list[i] = after;
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  const oldRefs = oldPart
    ? references(engine.analyze(stripMarkers(oldPart, 'replace', engine.catalog), ctx.asOf).chunks, engine)
    : undefined;

  // "but not in the last month": the purchase there, not in that window
  if (mode === 'exclude' && !parts.length) {
    const tw = a.chunks.find((c) => c.time?.kind === 'window')?.time;
    const idx = list.findIndex((n) => (n.kind === 'purchase' || n.kind === 'event') && !!n);
    if (tw && tw.kind === 'window' && idx >= 0) {
      const base = list[idx] as Extract<SegmentNode, { kind: 'purchase' | 'event' }>;
      const again = { ...base, window: tw.window } as SegmentNode & { threshold?: unknown; measure?: unknown };
      if (again.kind === 'purchase' && (!again.measure || again.measure === 'orders')) {
        delete again.threshold;
        delete again.measure;
      }
      if (again.kind === 'event') delete again.threshold;
      const negated: SegmentNode = { kind: 'not', child: again };
      list.push(negated);
      changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after: negated });
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }
  if (mode === 'exclude') {
    for (const p of parts) {
      const negated: SegmentNode = p.kind === 'not' ? p.child : { kind: 'not', child: p };
      // "exclude Texas" from "Texas or Oklahoma": the value goes from the list
      const vi = list.findIndex(
        (n) =>
          n.kind === 'attribute' &&
          p.kind === 'attribute' &&
          n.facet === p.facet &&
          n.op === 'in' &&
          (p.op === 'eq' || p.op === 'in') &&
          (n.values ?? []).some((v) => (p.values ?? [p.value]).includes(v)) &&
          (n.values ?? []).some((v) => !(p.values ?? [p.value]).includes(v)),
      );
      if (vi >= 0) {
        const n = list[vi] as Extract<SegmentNode, { kind: 'attribute' }>;
        const pv = p.kind === 'attribute' ? (p.values ?? [p.value]) : [];
        const values = (n.values ?? []).filter((v) => !pv.includes(v));
        const after: SegmentNode =
          values.length === 1 ? { kind: 'attribute', facet: n.facet, op: 'eq', value: values[0]! } : { ...n, values };
        changes.push({ op: 'replace', path: path(vi, list.length), before: n, after });
        list[vi] = after;
        continue;
      }
      // "NOT likely to churn" right after "who are likely to churn": the condition turns around
      const ci = list.findIndex((n) => contradicts(n, negated, catalog));
      if (ci >= 0) {
        changes.push({ op: 'replace', path: path(ci, list.length), before: list[ci], after: negated });
        list[ci] = negated;
        continue;
      }
      list.push(negated);
      changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after: negated });
    }
    return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
  }

  const onlyWindow = parts.length === 0 && a.chunks.some((c) => c.time?.kind === 'window');
  const bareNumber = parts.length === 0 ? a.chunks.find((c) => c.qty?.kind === 'cmp')?.qty : undefined;
  // "last 6 months instead", "change that to all of 2025", "make that 60 days", "make it 30"
  if (onlyWindow || (bareNumber && bareNumber.kind === 'cmp')) {
    const timeChunk = a.chunks.find((c) => c.time?.kind === 'window');
    let changed = false;
    const edited = list.map((n, i) =>
      mapLeaves(n, (leaf) => {
        if ((leaf.kind === 'purchase' || leaf.kind === 'event') && timeChunk && timeChunk.time?.kind === 'window') {
          changed = true;
          const after = { ...leaf, window: timeChunk.time.window };
          changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after });
          return after;
        }
        return leaf;
      }),
    );
    if (changed) return finish(engine, rebuild(edited, current, text), text, ctx, changes, 0.85);
    // "since 2024 instead" for a date facet ("signed up this year")
    if (timeChunk?.time?.kind === 'window') {
      const w = timeChunk.time.window;
      const di = list.findIndex(
        (n) => n.kind === 'attribute' && catalog.facets.find((f) => f.name === n.facet)?.type === 'date',
      );
      if (di >= 0) {
        const before = list[di] as Extract<SegmentNode, { kind: 'attribute' }>;
        const after: SegmentNode = {
          kind: 'attribute',
          facet: before.facet,
          ...windowToDateAttr(ctx.asOf, w),
        } as SegmentNode;
        changes.push({ op: 'replace', path: path(di, list.length), before, after });
        list[di] = after;
        return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
      }
    }
    // "in the last 60 days" for "new customers", "use 60 days" for "active customers": the rule's own window
    if (timeChunk?.time?.kind === 'window') {
      const ri = list.findIndex((n) => n.kind === 'rule');
      const rule = ri >= 0 ? catalog.rules.find((r) => r.id === (list[ri] as { rule: string }).rule) : undefined;
      const def = rule?.definition;
      const windowed =
        !!def &&
        (((def.kind === 'event' || def.kind === 'purchase') && !!def.window) ||
          (def.kind === 'attribute' && /^days_since/.test(def.facet)));
      if (rule && windowed && list.filter((n) => n.kind === 'rule').length === 1) {
        const redone = build(engine, `${rule.label} ${timeChunk.text}`, ctx);
        const node = redone && !redone.ambiguity ? redone.node : undefined;
        if (node && !(node.kind === 'rule') && !(node.kind === 'and' && node.children.length === 0)) {
          changes.push({ op: 'replace', path: path(ri, list.length), before: list[ri]!, after: node });
          list[ri] = node;
          return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
        }
      }
    }
    // "make it 14 days" for a birthday in the next 7 days; "and this month" for one next month
    const bi = list.findIndex((n) => n.kind === 'birthday');
    const tw = timeChunk?.time?.kind === 'window' ? timeChunk.time.window : undefined;
    const bday = list[bi];
    let after: SegmentNode | undefined;
    if (
      bday?.kind === 'birthday' &&
      bday.when === 'next_days' &&
      tw?.type === 'last' &&
      tw.unit !== 'month' &&
      tw.unit !== 'year'
    )
      after = { kind: 'birthday', when: 'next_days', days: tw.unit === 'week' ? tw.n * 7 : tw.n };
    else if (bday && tw?.type === 'this' && tw.unit === 'month') after = { kind: 'birthday', when: 'this_month' };
    if (bday && after && mode === 'extend' && !same(after, bday)) after = { kind: 'or', children: [bday, after] };
    if (bi >= 0 && after) {
      changes.push({ op: 'replace', path: path(bi, list.length), before: list[bi], after });
      list[bi] = after;
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
    }
    if (bareNumber && bareNumber.kind === 'cmp') {
      const th = bareNumber.threshold;
      // the condition the last turn added or changed is the one "make it > 90" is about
      const last = ctx.previous?.length ? conjuncts(ctx.previous[ctx.previous.length - 1]!, catalog) : [];
      const recent = new Set(last.length ? list.flatMap((n, i) => (last.some((c) => same(c.node, n)) ? [] : [i])) : []);
      const r = replaceNumber(list, th, bareNumber.unit, changes, mode !== 'replace', recent);
      if (r) return finish(engine, rebuild(r, current, text), text, ctx, changes, 0.75);
    }
    return undefined;
  }

  if (!parts.length) {
    // "next month instead" for a birthday
    const bIdx = list.findIndex((n) => n.kind === 'birthday');
    const tv = a.chunks.find((c) => c.time)?.time;
    if (bIdx >= 0 && tv) {
      let after: SegmentNode | undefined;
      if (tv.kind === 'future' && (tv.when === 'today' || tv.when === 'next_month' || tv.when === 'this_month'))
        after = { kind: 'birthday', when: tv.when };
      else if (tv.kind === 'future' && tv.when === 'next_days' && tv.days)
        after = { kind: 'birthday', when: 'next_days', days: tv.days };
      else if (tv.kind === 'window' && tv.window.type === 'this' && tv.window.unit === 'month')
        after = { kind: 'birthday', when: 'this_month' };
      // "and next month": either birthday window
      if (after && mode === 'extend' && !same(after, list[bIdx]!))
        after = { kind: 'or', children: [list[bIdx]!, after] };
      if (after) {
        changes.push({ op: 'replace', path: path(bIdx, list.length), before: list[bIdx], after });
        list[bIdx] = after;
        return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.85);
      }
    }
    // "medium instead", "top 5%": a level or rank for the model already there
    const level = a.chunks.map((c) => c.senses.find((s) => s.t === 'level')).find(Boolean);
    const rank = a.chunks.find((c) => c.qty?.kind === 'rank')?.qty;
    if (level || rank) {
      let changed = false;
      const edited = list.map((n, i) =>
        mapLeaves(n, (leaf) => {
          let model: string | undefined;
          if (leaf.kind === 'model') model = leaf.model;
          if (leaf.kind === 'rule') {
            const def = catalog.rules.find((r) => r.id === leaf.rule)?.definition;
            if (def?.kind === 'model') model = def.model;
          }
          if (!model) return leaf;
          changed = true;
          const after: SegmentNode = { kind: 'model', model };
          if (rank && rank.kind === 'rank') {
            if (rank.decile) after.decile = rank.decile;
            else if (rank.dir === 'top') after.top_percent = rank.percent;
            else after.bottom_percent = rank.percent;
          } else if (level && level.t === 'level') after.level = level.level;
          // "medium too": the level said joins the one there
          if (mode === 'extend') {
            const joined: SegmentNode = { kind: 'or', children: [leaf, after] };
            changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after: joined });
            return joined;
          }
          changes.push({ op: 'replace', path: path(i, list.length), before: leaf, after });
          return after;
        }),
      );
      if (changed) return finish(engine, rebuild(edited, current, text), text, ctx, changes, 0.8);
    }
    // "any age": drop the facet said
    if (/^any\b/i.test(cleaned)) return editTurn(current, `remove ${cleaned.replace(/^any\s+/i, '')}`, ctx, engine);
    return undefined;
  }

  const andSaid = /^\s*and\b/i.test(t);
  const onlySaid = /\b(?:only|just|specifically|exclusively)\b/i.test(t);
  const widen = WIDEN.test(t);
  // "or anyone in Florida who spent over $1,000", "plus anyone who clicked": more people, not fewer
  const people = newPart.replace(LEAD_NOISE, '').replace(EXTEND_LEAD, '');
  // "plus silver members in Ohio": a group of people said in full is another group
  const unionSaid =
    /^(?:or|either)\b/i.test(t) ||
    (mode === 'extend' && (andSaid ? /^(?:anyone|everyone|anybody|everybody)\b/i : NEW_PEOPLE).test(people)) ||
    (mode === 'extend' &&
      !andSaid &&
      EXTEND_LEAD.test(newPart.replace(LEAD_NOISE, '')) &&
      parts.length >= 2 &&
      !parts.every((p) => isGeo(p, catalog)));
  // "actually only gold members" after "only VIPs": what the last turn added is what is corrected
  const corrective = mode === 'add' && !andSaid && CORRECTIVE.test(text);
  const lastState = ctx.previous?.length ? conjuncts(ctx.previous[ctx.previous.length - 1]!, catalog) : [];
  const lastAdded = lastState.length ? list.flatMap((n, i) => (lastState.some((c) => same(c.node, n)) ? [] : [i])) : [];
  if (unionSaid && parts.length) {
    const before = current.where;
    const joined = union(list, parts, catalog, widen);
    changes.push({ op: 'replace', path: 'where', before, after: andOf(joined) });
    return finish(engine, rebuild(joined, current, text), text, ctx, changes, 0.8);
  }
  // "add Detroit, MI" after "Chicago, IL": one more place, said in several facets
  if (mode === 'extend' && parts.length > 1 && parts.every((p) => isGeo(p, catalog))) {
    const joined = geoExtend(list, andOf(parts), catalog, widen);
    if (joined) {
      changes.push({ op: 'replace', path: 'where', before: current.where, after: andOf(joined) });
      return finish(engine, rebuild(joined, current, text), text, ctx, changes, 0.8);
    }
  }
  // "not our lapsed rule: no purchase in 180 days, as long as they bought at some point": the
  // conditions said take the place of the one named
  if (oldRefs && parts.length > 1) {
    let idx = conj.findIndex((c) => [...oldRefs.strong].some((k) => c.keys.has(k)));
    if (idx < 0) idx = conj.findIndex((c) => [...oldRefs.weak].some((k) => c.keys.has(k)));
    if (idx >= 0) {
      changes.push({ op: 'replace', path: path(idx, list.length), before: list[idx], after: andOf(parts) });
      list.splice(idx, 1, ...parts);
      return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
    }
  }

  // "only TVs and laptops" after "electronics": one narrower purchase with both
  if (mode === 'add' && parts.length > 1) {
    const ni = list.findIndex((n) => parts.every((p) => !!narrowItems(n, p, catalog, onlySaid)));
    const joined = ni >= 0 ? joinItems(parts) : undefined;
    if (joined) parts = [joined];
  }

  // replace, extend, add
  for (const p of parts) {
    let idx = -1;
    // "and only count the ones fulfilled by pickup" after "app orders": the orders there
    const orderOnly =
      p.kind === 'purchase' &&
      !!p.order &&
      !p.item &&
      !p.threshold &&
      !p.window &&
      (p.measure ?? 'orders') === 'orders' &&
      list.filter((n) => n.kind === 'purchase').length === 1 &&
      list.some((n) => n.kind === 'purchase' && !!n.order && !n.item);
    // "in store instead" after "bought shoes": the way of buying, on the purchase there
    const narrowed =
      (mode === 'add' || mode === 'extend' || (mode === 'replace' && PREP_START.test(cleaned) && !oldRefs)) &&
      (PREP_START.test(cleaned) ||
        /\bon (?:them|those|these|it)\b/i.test(cleaned) ||
        ((mode === 'add' || mode === 'extend') && orderOnly))
        ? narrowPurchase(list, p, cleaned)
        : -1;
    if (narrowed >= 0 && p.kind === 'purchase') {
      const old = list[narrowed] as Extract<SegmentNode, { kind: 'purchase' }>;
      // "also in store" after "bought online": one more value of the same order field
      const more =
        mode === 'extend' && p.order && !p.item && old.order && Object.keys(p.order).every((k) => k in old.order!)
          ? extend(old, { ...p, ...(old.window && !p.window ? { window: old.window } : {}) })
          : undefined;
      if (more) {
        changes.push({ op: 'replace', path: path(narrowed, list.length), before: old, after: more });
        list[narrowed] = more;
        continue;
      }
      const after: SegmentNode = p.item
        ? { ...old, item: p.item }
        : p.order && !p.threshold
          ? { ...old, order: { ...old.order, ...p.order } }
          : { ...old, ...p, item: old.item, ...((p.window ?? old.window) ? { window: p.window ?? old.window } : {}) };
      if (p.threshold && old.order) after.order = { ...old.order, ...p.order };
      changes.push({ op: 'replace', path: path(narrowed, list.length), before: old, after });
      list[narrowed] = after;
      continue;
    }
    // "actually no - Atlanta only" after "exclude Atlanta", "no wait, NOT likely to churn": the
    // condition said takes the place of the one it contradicts
    const ci = list.findIndex((n) => contradicts(n, p, catalog));
    if (ci >= 0) {
      const n = list[ci]!;
      const negative = n.kind === 'not' || (n.kind === 'attribute' && (n.op === 'neq' || n.op === 'not_in'));
      // "actually include Houston" after "exclude Houston": the exclusion goes (all of Texas again)
      if (mode === 'extend' && negative && p.kind !== 'not') {
        const kept = n.kind === 'attribute' && n.op === 'not_in' ? retract(n, p) : undefined;
        if (kept) {
          changes.push({ op: 'replace', path: path(ci, list.length), before: n, after: kept });
          list[ci] = kept;
        } else {
          changes.push({ op: 'remove', path: path(ci, list.length), before: n });
          list.splice(ci, 1);
          conj.splice(ci, 1);
        }
        continue;
      }
      changes.push({ op: 'replace', path: path(ci, list.length), before: n, after: p });
      list[ci] = p;
      continue;
    }
    // "and only Apple tablets", "only carts with Video Games": fewer items for the purchase or event there
    if (mode === 'add') {
      // "only products from Electronics" after "viewed a product": the items of the one event there
      const events = list.filter((n) => n.kind === 'event');
      const bare =
        p.kind === 'purchase' &&
        !!p.item &&
        !p.order &&
        !p.window &&
        !p.threshold &&
        !a.chunks.some((c) => c.senses.some((x) => x.t === 'verb')) &&
        !list.some((n) => n.kind === 'purchase') &&
        events.length === 1;
      if (bare) {
        const ev = events[0] as Extract<SegmentNode, { kind: 'event' }>;
        const asEvent: SegmentNode = { kind: 'event', event_type: ev.event_type, item: p.item };
        const after = narrowItems(ev, asEvent, catalog, onlySaid);
        if (after) {
          const ei = list.indexOf(ev);
          changes.push({ op: 'replace', path: path(ei, list.length), before: ev, after });
          list[ei] = after;
          continue;
        }
      }
      const ni = list.findIndex((n) => !!narrowItems(n, p, catalog, onlySaid));
      if (ni >= 0) {
        const after = narrowItems(list[ni]!, p, catalog, onlySaid)!;
        changes.push({ op: 'replace', path: path(ni, list.length), before: list[ni], after });
        list[ni] = after;
        continue;
      }
    }
    if (oldRefs) {
      idx = conj.findIndex((c) => [...oldRefs.strong].some((k) => c.keys.has(k)));
      if (idx < 0) idx = conj.findIndex((c) => [...oldRefs.weak].some((k) => c.keys.has(k)));
    }
    // "add Detroit too" after "Chicago, IL", "add the rest of Illinois" after "Chicago": another place
    if (idx < 0 && mode === 'extend' && isGeo(p, catalog)) {
      const joined = geoExtend(list, p, catalog, widen);
      if (joined) {
        changes.push({ op: 'replace', path: 'where', before: andOf(list), after: andOf(joined) });
        list.splice(0, list.length, ...joined);
        continue;
      }
    }
    if (idx < 0 && (mode === 'replace' || mode === 'add' || mode === 'extend'))
      idx = list.findIndex((n) => slotMatch(n, p, catalog));
    // "dads instead" after "women with kids": the rule takes the place of the facets it sets;
    // "same but for men" after "moms": the rule, with the facet said in place of its own
    if (idx < 0 && (mode === 'replace' || corrective)) {
      const spliced = ruleFacets(list, p, catalog);
      if (spliced) {
        changes.push({ op: 'replace', path: 'where', before: andOf(list), after: andOf(spliced) });
        list.splice(0, list.length, ...spliced);
        continue;
      }
    }
    // "reachable by email OR SMS" after "reachable by email": the wider choice takes its place
    if (idx < 0 && p.kind === 'or') {
      const wi = list.findIndex((n) => p.children.some((c) => same(n, c) || slotMatch(n, c, catalog)));
      if (wi >= 0) {
        changes.push({ op: 'replace', path: path(wi, list.length), before: list[wi], after: p });
        list[wi] = p;
        continue;
      }
    }
    // "also include churned": one more rule, unless "and" joins a rule of another kind
    if (idx < 0 && mode === 'extend' && p.kind === 'rule' && !andSaid)
      idx = list.findIndex((n) => n.kind === 'rule' || (n.kind === 'or' && n.children.every((c) => c.kind === 'rule')));
    if (idx >= 0 && mode === 'extend') {
      const merged = extend(list[idx]!, p, andSaid);
      if (merged) {
        changes.push({ op: 'replace', path: path(idx, list.length), before: list[idx], after: merged });
        list[idx] = merged;
        continue;
      }
    }
    // "and at most $500" after "spent at least $100 in 2025": the other bound of the same sum
    const otherBound =
      idx >= 0 &&
      mode === 'extend' &&
      replaceOnAdd(list[idx]!, p) &&
      list[idx]!.kind === 'purchase' &&
      p.kind === 'purchase' &&
      otherWay((list[idx] as PurchaseCondition).threshold!, p.threshold!);
    // "actually adidas" after "bought nike": a correction takes the place of what fills the same slot
    if (
      idx >= 0 &&
      (mode === 'replace' || corrective || (mode === 'add' && replaceOnAdd(list[idx]!, p)) || otherBound)
    ) {
      // "change Starbucks to any Coffee & Tea brand": the items named go from the purchase first
      const named = oldRefs ? [...oldRefs.strong].filter((k) => k.startsWith('item:')) : [];
      const after =
        (mode === 'add' ? narrowRange(list[idx]!, p) : undefined) ??
        mergeReplacement(withoutItems(list[idx]!, named), p);
      // "bump the threshold to $800": a bare amount keeps the comparison said before
      const old = list[idx]!;
      // "but under $2,000" after "spent over $500": both bounds
      if (
        mode !== 'replace' &&
        old.kind === 'purchase' &&
        old.threshold &&
        p.kind === 'purchase' &&
        p.threshold &&
        after.kind === 'purchase' &&
        otherWay(old.threshold, p.threshold)
      ) {
        const whole = (old.measure ?? 'orders') === 'orders' || old.measure === 'quantity';
        const range = bounded(old.threshold, p.threshold, whole);
        if (range) after.threshold = range;
        else {
          list.push(after);
          changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after });
          continue;
        }
      } else if (
        old.kind === 'purchase' &&
        old.threshold &&
        old.threshold.op !== 'between' &&
        old.threshold.op !== 'eq' &&
        after.kind === 'purchase' &&
        after.threshold?.op === 'eq' &&
        !/\b(?:exactly|precisely|just|only)\b/i.test(t)
      ) {
        // "bump it to 5 orders" after "3+ orders": at least 5, as before
        after.threshold = { op: old.threshold.op, value: after.threshold.value };
      } else if (
        a.parse.notes.some((n) => n.includes('read as at least')) &&
        old.kind === 'purchase' &&
        old.threshold &&
        after.kind === 'purchase' &&
        after.threshold &&
        old.threshold.op !== 'between' &&
        after.threshold.op !== 'between'
      ) {
        after.threshold = { op: old.threshold.op, value: after.threshold.value };
      }
      changes.push({ op: 'replace', path: path(idx, list.length), before: list[idx], after });
      list[idx] = after;
      continue;
    }
    if (corrective && lastAdded.length) {
      const ri = lastAdded.shift()!;
      changes.push({ op: 'replace', path: path(ri, list.length), before: list[ri], after: p });
      list[ri] = p;
      continue;
    }
    list.push(p);
    changes.push({ op: 'add', path: `where.children[${list.length - 1}]`, after: p });
  }
  return finish(engine, rebuild(list, current, text), text, ctx, changes, 0.8);
}

/** Names in the catalog with a word that elsewhere says "condition" in them ("Auto Parts", "Water Filters"). */
const namesWithMarkerWords = new WeakMap<Catalog, string[]>();
function markerNames(catalog: Catalog): string[] {
  let names = namesWithMarkerWords.get(catalog);
  if (!names) {
    const all = [
      ...catalog.departments.flatMap((d) => [d.name, ...d.categories]),
      ...catalog.rules.map((r) => r.label),
      ...catalog.facets.map((f) => f.label),
    ];
    names = all.filter((n) => MARKER_WORD.test(n));
    namesWithMarkerWords.set(catalog, names);
  }
  return names;
}
const MARKER_WORD =
  /\b(?:part|filter|condition|criteri(?:on|a)|requirement|bit|piece|rule|restriction|limit|thing|stuff)s?\b/i;

function stripMarkers(s: string, mode: Mode, catalog?: Catalog): string {
  // "Auto Parts" is a name, not "the auto part": names in the catalog are kept whole
  const kept: string[] = [];
  for (const name of catalog ? markerNames(catalog) : []) {
    const re = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi');
    s = s.replace(re, (m) => `\u27e6${kept.push(m) - 1}\u27e7`);
  }
  return stripMarkerWords(s, mode).replace(/\u27e6(\d+)\u27e7/g, (_, i: string) => kept[Number(i)]!);
}

function stripMarkerWords(s: string, mode: Mode): string {
  let out = s.trim().replace(LEAD_NOISE, '');
  // "no" and "without" say what goes only when dropping ("no age limit"); elsewhere they are the
  // condition itself ("use no purchase in the last 180 days", "no more than 10")
  if (mode === 'remove') out = out.replace(/^(?:without any|without|with no|no)\s+(?:the\s+|any\s+|a\s+)?/i, '');
  // "drop the email stuff", "remove the model thing": what names the condition is the rest
  if (mode === 'remove') out = out.replace(/\b(?:thing|stuff)s?\b/gi, '');
  out = out
    .replace(
      /^(?:please\s+)?(?:drop|remove|forget(?: about)?|delete|get rid of|lose|take out|take off|ditch|scrap|clear|ignore|skip|no need for|don'?t need|do not need|never ?mind(?: on| about)?)\s+(?:the\s+|any\s+|a\s+)?/i,
      '',
    )
    .replace(/^(?:or|either)\s+/i, '')
    .replace(/^(?:what|how) about\s+/i, '')
    .replace(SAME_BUT, '')
    .replace(/\?+\s*$/, '')
    .replace(/\b(?:part|filter|condition|criteri(?:on|a)|requirement|bit|piece|rule|restriction|limit)s?\b/gi, '')
    .replace(/^(?:please\s+)?(?:add|also|plus|include|and also)\s+/i, '')
    .replace(/\s+(?:too|as well|also|instead|please|pls)\s*[.!?]*$/i, '')
    .replace(
      /^(?:make|change|set|switch|bump|raise|lower|increase|decrease|widen|expand|broaden|narrow|tighten|loosen|move)\s+(?:it|that|this|the \w+|them)?\s*(?:up |down )?(?:to|into|at(?! least\b| most\b))?\s*/i,
      '',
    )
    .replace(/^(?:actually\s+)?(?:use|go with|try)\s+/i, '')
    .replace(/^specifically\s+/i, '')
    .replace(
      /^(?:and\s+|but\s+|ok(?:ay)?\s+|now\s+)*(?:only|just|limit(?: it)? to|restrict(?: it)? to|keep only)\s+/i,
      '',
    )
    .replace(/\binstead\b/gi, '')
    .trim();
  if (mode === 'exclude')
    out = out
      .replace(
        /^(?:and\s+|but\s+|also\s+|now\s+)?(?:exclude|excluding|except|minus|but not|not|leave out|filter out|without)\s+/i,
        '',
      )
      .replace(/^(?:remove|drop|take out|filter out|get rid of|suppress|leave out|kick out)\s+(?:all\s+)?/i, '');
  // "no more than 10": at most 10
  out = out
    .replace(/\bno (?:more|greater|higher|larger|bigger|older) than\b/gi, 'at most')
    .replace(/\bno (?:less|fewer|lower|smaller|younger) than\b/gi, 'at least');
  // "the ones who", "those who": the people are the current ones
  out = out.replace(/^(?:the\s+)?(?:ones|those|people|customers|folks)\s+(?:who|that|which)\s+/i, 'who ');
  out = out.replace(/^(?:to\s+)?(?:all of|the whole|the entire|any)\s+/i, (x) => (/any/i.test(x) ? x : ''));
  return out.trim();
}

/** The attribute node a bare word makes when it is a value of an enum facet the segment already holds. */
function facetValueThere(conj: Conjunct[], said: string, catalog: Catalog): SegmentNode | undefined {
  const w = said
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .replace(/^(?:on|in|via|through|at)\s+(?:the\s+)?|^the\s+/, '')
    .trim();
  if (!w) return undefined;
  for (const c of conj) {
    const n = c.node;
    if (n.kind !== 'attribute') continue;
    const facet = catalog.facets.find((f) => f.name === n.facet);
    if (facet?.type !== 'enum') continue;
    for (const v of facet.values ?? []) {
      const names = [String(v.value), v.label ?? '', ...(v.synonyms ?? [])].map((x) => x.toLowerCase());
      if (names.includes(w) || names.includes(w.replace(/^(?:on|in)\s+(?:the\s+)?/, '')))
        return { kind: 'attribute', facet: n.facet, op: 'eq', value: v.value };
    }
  }
  return undefined;
}

function sameFacet(n: SegmentNode, p: SegmentNode): boolean {
  return n.kind === 'attribute' && p.kind === 'attribute' && n.facet === p.facet;
}

interface Fragment {
  node: SegmentNode;
  analysis: ReturnType<UnderstandingEngine['analyze']>;
  ambiguity?: { question: string; options: { label: string; node: SegmentNode }[] };
}

function build(engine: UnderstandingEngine, text: string, ctx: UnderstandContext): Fragment | undefined {
  const a = engine.analyze(text, ctx.asOf);
  const lf = a.parse.lf;
  if (!lf) return { node: { kind: 'and', children: [] }, analysis: a };
  const builder = engine.builderFor(text, a.parse.eventAmbiguity);
  const first = builder.build(lf);
  if (first.failed.length) return undefined;
  if (first.ambiguities.length) {
    const amb = first.ambiguities[0]!;
    const options = amb.options.map((o, i) => ({
      label: o.label,
      node: builder.build(lf, { picks: new Map([[amb.key, i]]) }).segment.where,
    }));
    return { node: first.segment.where, analysis: a, ambiguity: { question: amb.question, options } };
  }
  return { node: first.segment.where, analysis: a };
}

function flatten(n: SegmentNode): SegmentNode[] {
  if (n.kind === 'and') return n.children;
  return [n];
}

function mapLeaves(n: SegmentNode, fn: (leaf: SegmentNode) => SegmentNode): SegmentNode {
  if (n.kind === 'and' || n.kind === 'or') return { ...n, children: n.children.map((c) => mapLeaves(c, fn)) };
  if (n.kind === 'not') return { ...n, child: mapLeaves(n.child, fn) };
  return fn(n);
}

/** The condition `p` takes the place of (same facet, same kind of place, same model, same kind of purchase). */
function slotMatch(n: SegmentNode, p: SegmentNode, catalog: Catalog): boolean {
  const inner = (x: SegmentNode): SegmentNode => (x.kind === 'not' ? x.child : x);
  const a = inner(n);
  const b = inner(p);
  if (a.kind === 'attribute' && b.kind === 'attribute')
    return a.facet === b.facet || (GEO.test(a.facet) && GEO.test(b.facet));
  if (a.kind === 'model' && b.kind === 'model') return a.model === b.model;
  // "repeat buyers" -> "actually, one-time buyers": rules that measure the same thing take each other's place
  if (a.kind === 'rule' && b.kind === 'rule' && a.rule !== b.rule) {
    const fam = (r: string): string | undefined => {
      const d = catalog.rules.find((x) => x.id === r)?.definition;
      if (!d) return undefined;
      if (d.kind === 'attribute') {
        // new, active, lapsed, churned: how long ago they bought, first or last
        const src = catalog.facets.find((f) => f.name === d.facet)?.source;
        if (src?.kind === 'derived' && /purchase|order/i.test(src.derivation)) return 'recency';
        return `attr:${d.facet}`;
      }
      if (d.kind === 'and' && d.children.every((c) => c.kind === 'attribute'))
        return `attrs:${d.children
          .map((c) => (c as { facet: string }).facet)
          .sort()
          .join(',')}`;
      if (d.kind === 'purchase' && !d.item && !d.order && !d.window) return 'orders';
      if (d.kind === 'not' && d.child.kind === 'purchase' && !d.child.item) return 'orders';
      return undefined;
    };
    const fa = fam(a.rule);
    return !!fa && fa === fam(b.rule);
  }
  if (a.kind === 'rule' && b.kind === 'model') {
    const def = catalog.rules.find((r) => r.id === a.rule)?.definition;
    return def?.kind === 'model' && def.model === b.model;
  }
  if (a.kind === 'purchase' && b.kind === 'purchase') {
    const ka = Object.keys(a.order ?? {});
    const kb = Object.keys(b.order ?? {});
    const itemFamily = (i?: ItemFilter) => !!i && (!!i.department || !!i.category || !!i.brand);
    if (itemFamily(a.item) && itemFamily(b.item)) return true;
    if (kb.length && ka.some((k) => kb.includes(k))) return true;
    if (
      (b.measure === 'avg_order_value' || b.measure === 'spend') &&
      (a.measure === 'spend' || a.measure === 'avg_order_value')
    )
      return true;
    if (b.measure === 'orders' && a.measure === 'orders' && !a.item && !b.item) return true;
    return false;
  }
  if (a.kind === 'event' && b.kind === 'event') {
    // "clicked instead" after "opened an email": another event on the same channel
    const ch = (x: string) => x.split('_')[0]!;
    return a.event_type.some((e) => b.event_type.includes(e) || b.event_type.some((f) => ch(f) === ch(e)));
  }
  if (a.kind === 'birthday' && b.kind === 'birthday') return true;
  return false;
}

/**
 * With "only", a narrower place or item replaces the broader one ("only San Diego and San Jose");
 * a new threshold on the same count or sum replaces the old one ("at least 5 orders" after "3+ orders").
 */
/**
 * "only the ones over 30" after "aged 25 to 40": the range there, with the end said moved in
 * (whole numbers: "over 30" is 31 and up). Undefined unless both are ranges of one number facet.
 */
function narrowRange(n: SegmentNode, p: SegmentNode): SegmentNode | undefined {
  if (n.kind !== 'attribute' || p.kind !== 'attribute' || n.facet !== p.facet || n.op !== 'between') return undefined;
  const [lo, hi, v] = [Number(n.min), Number(n.max), Number(p.value)];
  if (![lo, hi, v].every(Number.isInteger)) return undefined;
  const [l, h] =
    p.op === 'gt'
      ? [Math.max(lo, v + 1), hi]
      : p.op === 'gte'
        ? [Math.max(lo, v), hi]
        : p.op === 'lt'
          ? [lo, Math.min(hi, v - 1)]
          : p.op === 'lte'
            ? [lo, Math.min(hi, v)]
            : [NaN, NaN];
  if (!(l <= h) || (l === lo && h === hi)) return undefined;
  return { kind: 'attribute', facet: n.facet, op: 'between', min: l, max: h };
}

function replaceOnAdd(n: SegmentNode, p: SegmentNode): boolean {
  if (n.kind === 'rule' && p.kind === 'rule') return true;
  // ("25-35" after "aged 18-30": a whole range said is the new range)
  if (n.kind === 'attribute' && p.kind === 'attribute')
    return n.facet !== p.facet || n.op === 'eq' || n.op === 'in' || p.op === 'between' || !!narrowRange(n, p);
  if (n.kind === 'purchase' && p.kind === 'purchase' && n.threshold && p.threshold) {
    const same = (x: unknown, y: unknown) => JSON.stringify(x ?? {}) === JSON.stringify(y ?? {});
    return (
      (n.measure ?? 'orders') === (p.measure ?? 'orders') && (!p.item || same(n.item, p.item)) && same(n.order, p.order)
    );
  }
  if (n.kind === 'event' && p.kind === 'event' && n.threshold && p.threshold)
    return n.event_type.join() === p.event_type.join();
  return false;
}

/**
 * "only in the app", "just pickup orders": order filters alone narrow the one purchase already
 * there; "and spent over $100 on them": a sum on the items of that purchase, in its window.
 */
function narrowPurchase(list: SegmentNode[], p: SegmentNode, text: string): number {
  if (p.kind !== 'purchase') return -1;
  // "on electronics" after "spent over $1,000": the items of the one sum or count there
  if (p.item && !p.threshold && !p.window && !p.order && (p.measure ?? 'orders') === 'orders') {
    const itemless = list.map((n, i) => ({ n, i })).filter((x) => x.n.kind === 'purchase' && !x.n.item);
    return itemless.length === 1 && list.filter((n) => n.kind === 'purchase').length === 1 ? itemless[0]!.i : -1;
  }
  if (p.item) return -1;
  const positives = list
    .map((n, i) => ({ n, i }))
    .filter((x) => x.n.kind === 'purchase' && (x.n.measure ?? 'orders') === 'orders' && !x.n.threshold);
  const onlyOrder = !!p.order && !p.threshold && !p.window && (p.measure ?? 'orders') === 'orders';
  // "only online" after "spent over $500 this year": the orders the one sum or count is over
  if (!positives.length && onlyOrder) {
    const sums = list.map((n, i) => ({ n, i })).filter((x) => x.n.kind === 'purchase');
    return sums.length === 1 ? sums[0]!.i : -1;
  }
  if (positives.length !== 1) return -1;
  const onThem =
    /\bon (?:them|those|these|it|that|this|those items|these items|those products|that category)\b/i.test(text) &&
    (p.measure === 'spend' || p.measure === 'quantity') &&
    !!(positives[0]!.n as { item?: ItemFilter }).item;
  return onlyOrder || onThem ? positives[0]!.i : -1;
}

/** "add gold too", "also NJ", "and Adidas", "also include churned": one more value, item or rule. */
function extend(n: SegmentNode, p: SegmentNode, andSaid = false): SegmentNode | undefined {
  if (n.kind === 'rule' && p.kind === 'rule' && n.rule !== p.rule) return { kind: 'or', children: [n, p] };
  if (n.kind === 'or' && n.children.every((c) => c.kind === 'rule') && p.kind === 'rule')
    return { kind: 'or', children: [...n.children, p] };
  // what the new purchase says beyond items or orders must be what the one there says
  const samePurchase = (x: PurchaseCondition, y: PurchaseCondition) =>
    !y.threshold && (!y.window || sameWindow(x.window, y.window)) && (y.measure ?? 'orders') === 'orders';
  if (n.kind === 'purchase' && p.kind === 'purchase' && n.item && p.item && !p.order && samePurchase(n, p)) {
    const keys = Object.keys(p.item) as (keyof ItemFilter)[];
    if (keys.length === 1 && Array.isArray(p.item[keys[0]!]) && Array.isArray(n.item[keys[0]!])) {
      const k = keys[0]!;
      const item = { ...n.item, [k]: [...new Set([...(n.item[k] as string[]), ...(p.item[k] as string[])])] };
      return { ...n, item };
    }
    // "or Patio Furniture" after "Garden in the spring": other items, bought the same way
    return { kind: 'or', children: [n, { ...n, item: p.item }] };
  }
  // "pickup too" after "delivery orders", "add the Salt Lake City store": one more way of buying
  if (n.kind === 'purchase' && p.kind === 'purchase' && n.order && p.order && !p.item && samePurchase(n, p)) {
    const keys = Object.keys(p.order) as (keyof OrderFilter)[];
    const k = keys[0]!;
    const nv = n.order[k];
    const pv = p.order[k];
    if (keys.length === 1 && Array.isArray(nv) && Array.isArray(pv)) {
      const order = { ...n.order, [k]: [...new Set([...(nv as unknown[]), ...(pv as unknown[])])] } as OrderFilter;
      return { ...n, order };
    }
  }
  if (
    n.kind === 'attribute' &&
    p.kind === 'attribute' &&
    n.facet === p.facet &&
    (n.op === 'eq' || n.op === 'in') &&
    (p.op === 'eq' || p.op === 'in')
  ) {
    const vals = [...new Set([...(n.values ?? [n.value!]), ...(p.values ?? [p.value!])])];
    return { kind: 'attribute', facet: n.facet, op: 'in', values: vals };
  }
  if (n.kind === 'model' && p.kind === 'model' && n.model === p.model) return p;
  // "or clicked": either event, in the window said before
  if (n.kind === 'event' && p.kind === 'event' && !andSaid && !p.window && !p.threshold && !n.threshold)
    return { ...n, event_type: [...new Set([...n.event_type, ...p.event_type])] };
  // "add 25-29 to the age range": two ranges that touch become one
  if (
    n.kind === 'attribute' &&
    p.kind === 'attribute' &&
    n.facet === p.facet &&
    n.op === 'between' &&
    p.op === 'between'
  ) {
    const [lo1, hi1, lo2, hi2] = [n.min, n.max, p.min, p.max].map(Number) as [number, number, number, number];
    if (lo2 <= hi1 + 1 && lo1 <= hi2 + 1)
      return { kind: 'attribute', facet: n.facet, op: 'between', min: Math.min(lo1, lo2), max: Math.max(hi1, hi2) };
  }
  return undefined;
}

/** The new condition, keeping what the turn did not restate (the window of a purchase, its items). */
function mergeReplacement(old: SegmentNode, p: SegmentNode): SegmentNode {
  const negOld = old.kind === 'not';
  const o = negOld ? (old as { child: SegmentNode }).child : old;
  if (o.kind === 'purchase' && p.kind === 'purchase') {
    const merged: SegmentNode = { ...o, ...p };
    if (!p.window && o.window) merged.window = o.window;
    if (p.item && o.item) {
      const item: ItemFilter = { ...o.item };
      const family = ['department', 'category'] as const;
      if (p.item.department || p.item.category) for (const f of family) delete item[f];
      Object.assign(item, p.item);
      merged.item = item;
    } else if (!p.item && o.item && !(p.measure && p.measure !== o.measure)) merged.item = o.item;
    if (!p.order && o.order) merged.order = o.order;
    if (p.order && o.order) merged.order = { ...o.order, ...p.order };
    if (p.measure && p.measure !== o.measure) {
      merged.measure = p.measure;
      merged.threshold = p.threshold ?? o.threshold;
    }
    return negOld ? { kind: 'not', child: merged } : merged;
  }
  if (o.kind === 'event' && p.kind === 'event') {
    const merged = { ...o, ...p };
    if (!p.window && o.window) merged.window = o.window;
    return merged;
  }
  return p;
}

/**
 * Both bounds on one count or sum ("at least 5 orders" then "no more than 10 either"): a range
 * when the numbers are whole (counts), else undefined (two conditions say it exactly).
 */
function bounded(old: Threshold, th: Threshold, whole: boolean): Threshold | undefined {
  if (old.op === 'between' || th.op === 'between' || old.op === 'eq' || th.op === 'eq') return undefined;
  if (old.op === 'neq' || th.op === 'neq') return undefined;
  const low = (x: { op: string; value: number }) => (x.op === 'gt' || x.op === 'gte' ? x : undefined);
  const lo = low(old) ?? low(th);
  const hi = low(old) ? th : old;
  if (!lo || low(hi as { op: string; value: number })) return undefined;
  const h = hi as { op: string; value: number };
  if (!whole && (lo.op === 'gt' || h.op === 'lt')) return undefined;
  const min = lo.op === 'gt' ? lo.value + 1 : lo.value;
  const max = h.op === 'lt' ? h.value - 1 : h.value;
  return min <= max ? { op: 'between', min, max } : undefined;
}

/** Does the new bound go the other way from the old one ("no more than 10" after "at least 5")? */
function otherWay(old: Threshold, th: Threshold): boolean {
  const up = (op: string) => op === 'gt' || op === 'gte';
  const down = (op: string) => op === 'lt' || op === 'lte';
  return (up(old.op) && down(th.op)) || (down(old.op) && up(th.op));
}

/**
 * "make that more than twenty", "bump the threshold to two thousand", "make it 30-45"; with
 * `combine`, a bound the other way joins the one there ("no more than 10 either"). The
 * conditions at `prefer` (the ones the last turn changed) are tried first.
 */
/** The numbers an attribute condition names. */
function numbersOf(leaf: Extract<SegmentNode, { kind: 'attribute' }>): number[] {
  return [leaf.min, leaf.max, leaf.value].map(Number).filter((n) => Number.isFinite(n));
}

/** A number that could be a new value of the attribute's bound (not 50 times past its old ones). */
function plausible(leaf: Extract<SegmentNode, { kind: 'attribute' }>, th: Threshold): boolean {
  const old = Math.max(...[leaf.min, leaf.max, leaf.value].map(Number).filter((n) => Number.isFinite(n) && n > 0), 1);
  const said = th.op === 'between' ? Math.max(th.min, th.max) : th.value;
  return said <= old * 50;
}

function replaceNumber(
  list: SegmentNode[],
  th: Threshold,
  unit: string,
  changes: Change[],
  combine = false,
  prefer: ReadonlySet<number> = new Set(),
): SegmentNode[] | undefined {
  let done = false;
  const order = [...list.keys()].sort((x, y) => Number(prefer.has(y)) - Number(prefer.has(x)));
  const out = [...list];
  const extra: SegmentNode[] = [];
  for (const i of order) {
    out[i] = mapLeaves(list[i]!, (leaf) => {
      if (done) return leaf;
      let after: SegmentNode | undefined;
      if ((leaf.kind === 'purchase' || leaf.kind === 'event') && leaf.threshold) {
        const old = leaf.threshold;
        const nt: Threshold =
          th.op === 'eq' && old.op !== 'eq' && old.op !== 'between' ? { op: old.op, value: th.value } : th;
        if (combine && otherWay(old, nt)) {
          const whole = leaf.kind === 'event' || (leaf.measure ?? 'orders') === 'orders' || leaf.measure === 'quantity';
          const range = bounded(old, nt, whole);
          if (range) after = { ...leaf, threshold: range };
          else extra.push({ ...leaf, threshold: nt });
          if (!range) {
            done = true;
            return leaf;
          }
        } else after = { ...leaf, threshold: nt };
      } else if (
        leaf.kind === 'attribute' &&
        (leaf.op === 'between' || leaf.op === 'gt' || leaf.op === 'gte' || leaf.op === 'lt' || leaf.op === 'lte') &&
        unit === 'count' &&
        // "make the income 150k+" next to ages 25 to 40: a number fifty times the old one is not its new value
        plausible(leaf, th)
      ) {
        const old = (leaf.op === 'between' ? undefined : { op: leaf.op, value: Number(leaf.value) }) as
          Threshold | undefined;
        const range = combine && old && th.op !== 'between' && otherWay(old, th) ? bounded(old, th, true) : undefined;
        if (range && range.op === 'between')
          after = { kind: 'attribute', facet: leaf.facet, op: 'between', min: range.min, max: range.max };
        else if (th.op === 'between')
          after = { kind: 'attribute', facet: leaf.facet, op: 'between', min: th.min, max: th.max };
        else if (th.op === 'eq' && leaf.op !== 'between') after = { ...leaf, value: th.value };
        else if (th.op !== 'eq') after = { kind: 'attribute', facet: leaf.facet, op: th.op, value: th.value };
      } else if (
        (leaf.kind === 'purchase' || leaf.kind === 'event') &&
        leaf.window &&
        (leaf.window.type === 'last' || leaf.window.type === 'older_than') &&
        th.op === 'eq'
      ) {
        const w: Window = { ...leaf.window, n: th.value };
        after = { ...leaf, window: w };
      } else if (leaf.kind === 'model' && leaf.score && th.op !== 'between') {
        after = {
          ...leaf,
          score: {
            op: th.op === 'eq' ? leaf.score.op : th.op,
            value: th.value,
          } as Threshold,
        };
      }
      if (!after) return leaf;
      done = true;
      changes.push({ op: 'replace', path: list.length === 1 ? 'where' : `where.children[${i}]`, before: leaf, after });
      return after;
    });
  }
  for (const x of extra) {
    out.push(x);
    changes.push({ op: 'add', path: `where.children[${out.length - 1}]`, after: x });
  }
  return done ? out : undefined;
}

function finish(
  engine: UnderstandingEngine,
  seg: Segment,
  text: string,
  ctx: UnderstandContext,
  changes: Change[],
  confidence: number,
): UnderstandingResult {
  const builder = new SegmentBuilder({ lexicon: engine.lexicon, text, clarifications: new Map() });
  const where = builder.simplify(seg.where);
  const segment: Segment = { ...seg, where };
  const res = engine.result(segment, new Map<SegmentNode, NodeMeta>(), text, ctx, [], confidence);
  if (res.status === 'segment') return { ...res, changes, edited: true };
  return res;
}

/** A node in a canonical form: ids dropped, keys sorted, lists as sets, `eq` as a one-value `in`. */
function canon(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canon).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (!x || typeof x !== 'object') return x;
  const o = { ...(x as Record<string, unknown>) };
  delete o['id'];
  if (o['kind'] === 'attribute' && (o['op'] === 'eq' || o['op'] === 'neq') && o['value'] !== undefined) {
    o['op'] = o['op'] === 'eq' ? 'in' : 'not_in';
    o['values'] = [o['value']];
    delete o['value'];
  }
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, canon(v)]),
  );
}

/** The same condition, however it was written ("state = FL" and "state in [FL]"). */
function same(a: SegmentNode, b: SegmentNode): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** A rule that only names a model condition ("likely to churn") read as that condition. */
function unrule(n: SegmentNode, catalog: Catalog): SegmentNode {
  if (n.kind !== 'rule') return n;
  const def = catalog.rules.find((r) => r.id === n.rule)?.definition;
  return def && def.kind === 'model' ? def : n;
}

/**
 * `p` says the opposite of `n` ("NOT likely to churn" after "likely to churn", "Atlanta only"
 * after "not Atlanta"): the one is the other negated, or one facet with values in common.
 */
function contradicts(n: SegmentNode, p: SegmentNode, catalog: Catalog): boolean {
  const pos = (x: SegmentNode) => (x.kind === 'not' ? x.child : undefined);
  const [nn, pn] = [pos(n), pos(p)];
  if (!!nn === !!pn) {
    // "city != Atlanta" against "city = Atlanta"
    if (n.kind !== 'attribute' || p.kind !== 'attribute' || n.facet !== p.facet) return false;
    const neg = (x: typeof n) => x.op === 'neq' || x.op === 'not_in';
    const posOp = (x: typeof n) => x.op === 'eq' || x.op === 'in';
    if (!((neg(n) && posOp(p)) || (posOp(n) && neg(p)))) return false;
    const vals = (x: typeof n) => (x.values ?? [x.value]).map(String);
    return vals(p).some((v) => vals(n).includes(v));
  }
  const a = unrule(nn ?? n, catalog);
  const b = unrule(pn ?? p, catalog);
  if (same(a, b)) return true;
  if (a.kind === 'attribute' && b.kind === 'attribute' && a.facet === b.facet) {
    const vals = (x: typeof a) => (x.values ?? [x.value]).map(String);
    return (
      (a.op === 'eq' || a.op === 'in') && (b.op === 'eq' || b.op === 'in') && vals(b).some((v) => vals(a).includes(v))
    );
  }
  return false;
}

/** A condition on place only (a geo facet, or a rule such as "the Bay Area" made of them). */
function isGeo(n: SegmentNode, catalog: Catalog): boolean {
  if (n.kind === 'attribute') return GEO.test(n.facet);
  if (n.kind === 'rule') {
    const def = catalog.rules.find((r) => r.id === n.rule)?.definition;
    return !!def && def.kind !== 'rule' && isGeo(def, catalog);
  }
  if (n.kind === 'and' || n.kind === 'or') return n.children.every((c) => isGeo(c, catalog));
  return false;
}

const andOf = (list: SegmentNode[]): SegmentNode =>
  list.length === 1 ? list[0]! : { kind: 'and', children: list.flatMap((c) => (c.kind === 'and' ? c.children : [c])) };

/**
 * The items `p` buys are a part of the items `n` buys ("Apple tablets" of "tablets", "organic
 * Grocery" of "organic items", "Video Games" of any cart): each field of `n` is kept or narrowed.
 */
function narrowsItem(n: ItemFilter | undefined, p: ItemFilter | undefined, catalog: Catalog, loose = false): boolean {
  if (!p || !Object.keys(p).length) return false;
  if (n && JSON.stringify(canon(n)) === JSON.stringify(canon(p))) return false;
  const catsOf = (deps: string[]) =>
    new Set(catalog.departments.filter((d) => deps.includes(d.name)).flatMap((d) => d.categories));
  for (const [k, v] of Object.entries(n ?? {}) as [keyof ItemFilter, unknown][]) {
    const pv = p[k];
    if (pv === undefined) {
      // "tablets" narrows "electronics": categories of the departments there
      if (k === 'department' && p.category?.length) {
        if (p.category.every((c) => catsOf(v as string[]).has(c))) continue;
        return false;
      }
      if (k === 'category' && p.department?.length) {
        if ((v as string[]).every((c) => catsOf(p.department!).has(c))) continue;
        return false;
      }
      // "only Apple" after "electronics": with "only", a field of its own narrows too
      if (loose) continue;
      return false;
    }
    if (Array.isArray(v)) {
      if (!Array.isArray(pv) || !(pv as unknown[]).every((x) => (v as unknown[]).includes(x))) return false;
    } else if (pv !== v) return false;
  }
  return true;
}

function sameWindow(a?: Window, b?: Window): boolean {
  return JSON.stringify(canon(a ?? null)) === JSON.stringify(canon(b ?? null));
}

/**
 * "and only Apple tablets", "only carts with Video Games", "only organic Grocery": the purchase or
 * event there, on fewer items (its window, threshold and order filters kept); undefined when `p`
 * is a purchase or event of its own.
 */
function narrowItems(n: SegmentNode, p: SegmentNode, catalog: Catalog, loose = false): SegmentNode | undefined {
  if ((p.kind === 'purchase' || p.kind === 'event') && p.threshold) return undefined;
  if (n.kind === 'purchase' && p.kind === 'purchase') {
    if (p.measure && p.measure !== 'orders') return undefined;
    if (p.window && !sameWindow(n.window, p.window)) return undefined;
    // a count or sum over any order is not narrowed to items ("5+ orders" then "only shoes" is its own)
    if (n.threshold && !n.item) return undefined;
    if (!narrowsItem(n.item, p.item, catalog, loose)) return undefined;
    // "only Electronics returns" after "returned something": the same order filter is no other purchase
    const o = n.order as Record<string, unknown> | undefined;
    const po = p.order as Record<string, unknown> | undefined;
    if (po && o && Object.keys(po).some((k) => k in o && JSON.stringify(canon(o[k])) !== JSON.stringify(canon(po[k]))))
      return undefined;
    const after: SegmentNode = { ...n, item: { ...n.item, ...p.item } };
    if (p.order) after.order = { ...n.order, ...p.order };
    return after;
  }
  if (n.kind === 'event' && p.kind === 'event') {
    if (p.window && !sameWindow(n.window, p.window)) return undefined;
    if (!p.event_type.every((e) => n.event_type.includes(e))) return undefined;
    if (!narrowsItem(n.item, p.item, catalog, loose)) return undefined;
    return { ...n, item: { ...n.item, ...p.item } };
  }
  return undefined;
}

/**
 * "add Detroit too" after "Chicago, IL": the places there OR the new one ("add the rest of
 * Illinois": the new one alone). Undefined when a plain value list does (one facet each side).
 */
function geoExtend(list: SegmentNode[], p: SegmentNode, catalog: Catalog, widen: boolean): SegmentNode[] | undefined {
  if (!isGeo(p, catalog)) return undefined;
  const geo = list.filter((n) => isGeo(n, catalog));
  if (!geo.length) return undefined;
  const g = geo[0]!;
  if (!widen && geo.length === 1 && g.kind === 'attribute' && p.kind === 'attribute' && g.facet === p.facet)
    return undefined;
  const at = list.indexOf(g);
  const rest = list.filter((n) => !geo.includes(n));
  const alt: SegmentNode = widen ? p : { kind: 'or', children: [andOf(geo), p] };
  rest.splice(at, 0, alt);
  return rest;
}

/**
 * The people there OR the people the turn describes; conditions both say stay outside the OR
 * ("VIPs in Florida" + "or anyone in Florida who spent $1,000" = Florida AND (VIP OR spent)).
 */
function union(list: SegmentNode[], parts: SegmentNode[], catalog: Catalog, widen: boolean): SegmentNode[] {
  if (parts.length === 1) {
    const p = parts[0]!;
    const geo = geoExtend(list, p, catalog, widen);
    if (geo) return geo;
    // one more value, item, rule, event or order filter for the slot there ("or Texas", "or clicked")
    const i = list.findIndex((n) => slotMatch(n, p, catalog));
    const merged = i >= 0 ? extend(list[i]!, p) : undefined;
    if (merged) return list.map((n, j) => (j === i ? merged : n));
  }
  const shared = parts.filter((p) => list.some((n) => same(n, p)));
  const mine = list.filter((n) => !shared.some((p) => same(n, p)));
  const theirs = parts.filter((p) => !shared.includes(p));
  // everyone there is among the people said (or the other way round): the wider group
  if (!theirs.length) return shared;
  if (!mine.length) return list;
  return [...shared, { kind: 'or', children: [andOf(mine), andOf(theirs)] }];
}

/** The purchase or event without the item values named ("item:brand:Starbucks"). */
function withoutItems(n: SegmentNode, keys: string[]): SegmentNode {
  const inner = n.kind === 'not' ? n.child : n;
  if (!keys.length || (inner.kind !== 'purchase' && inner.kind !== 'event') || !inner.item) return n;
  const item = { ...inner.item } as Record<string, unknown>;
  for (const k of keys) {
    const [, field, value] = k.split(':') as [string, string, string | undefined];
    const v = item[field];
    if (v === undefined) continue;
    const left = value !== undefined && Array.isArray(v) ? v.filter((x) => String(x) !== value) : [];
    if (left.length) item[field] = left;
    else delete item[field];
  }
  const after = { ...inner } as typeof inner;
  if (Object.keys(item).length) after.item = item as ItemFilter;
  else delete after.item;
  return n.kind === 'not' ? { ...n, child: after } : after;
}

/** "Texas but not Houston or Dallas" then "include Houston": Houston leaves the excluded list. */
function retract(n: Extract<SegmentNode, { kind: 'attribute' }>, p: SegmentNode): SegmentNode | undefined {
  if (p.kind !== 'attribute') return undefined;
  const pv = (p.values ?? [p.value]).map(String);
  const left = (n.values ?? []).filter((v) => !pv.includes(String(v)));
  if (!left.length) return undefined;
  return left.length === 1 ? { kind: 'attribute', facet: n.facet, op: 'neq', value: left[0]! } : { ...n, values: left };
}

/**
 * Purchases (or events) that differ in the values of one item field only, as one with all of
 * them ("TVs" and "laptops"); undefined otherwise.
 */
function joinItems(parts: SegmentNode[]): SegmentNode | undefined {
  const first = parts[0]!;
  if (first.kind !== 'purchase' && first.kind !== 'event') return undefined;
  const rest = (x: SegmentNode) => {
    const { item: _i, ...r } = x as PurchaseCondition;
    return JSON.stringify(canon(r));
  };
  if (!parts.every((x) => x.kind === first.kind && rest(x) === rest(first))) return undefined;
  const items = parts.map((x) => (x as PurchaseCondition).item ?? {});
  const fields = new Set(items.flatMap((i) => Object.keys(i)));
  const differ = [...fields].filter(
    (f) => new Set(items.map((i) => JSON.stringify((i as Record<string, unknown>)[f] ?? null))).size > 1,
  );
  if (differ.length !== 1) return undefined;
  const f = differ[0]! as keyof ItemFilter;
  if (!items.every((i) => Array.isArray(i[f]))) return undefined;
  const values = [...new Set(items.flatMap((i) => i[f] as unknown[]))];
  return { ...first, item: { ...items[0], [f]: values } } as SegmentNode;
}
