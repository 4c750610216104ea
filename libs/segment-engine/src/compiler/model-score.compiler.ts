import type { ModelCondition, Threshold } from '../model/segment.model';
import type { CompileContext } from './compile-context';
import { fieldPath, invalid, requireNumber, requireString, requireThreshold } from './compiler-validation';
import { thresholdSql } from './filter.compiler';
import { factsModel } from './facts/facts.compiler';
import { CUSTOMER_ID, type LeafSql } from './leaf-sql';

const LEVELS: Readonly<Record<'high' | 'medium' | 'low', [number, number]>> = {
  high: [8, 10],
  medium: [4, 7],
  low: [1, 3],
};

function percent(value: unknown, path: string): number {
  const n = requireNumber(value, path);
  if (n < 0 || n > 100) invalid(path, `expected a percentage from 0 to 100, got ${n}`);
  return n;
}

/**
 * A model-score condition over `model_scores` rows of that model. A customer without a score
 * for the model never matches. top_percent N: score at or above the continuous percentile
 * (100-N)/100 of the model's scores; bottom_percent N: at or below the N/100 percentile.
 */
export function compileModel(cond: ModelCondition, ctx: CompileContext, path: string): LeafSql {
  const model = requireString(cond.model, fieldPath(path, 'model'));
  const known = ctx.catalog.models;
  if (known?.length && !known.some((m) => m.name === model))
    invalid(fieldPath(path, 'model'), `unknown model '${model}'`);
  const given = (['score', 'decile', 'top_percent', 'bottom_percent', 'level'] as const).filter(
    (k) => cond[k] !== undefined,
  );
  if (given.length !== 1) {
    invalid(
      path,
      `a model condition needs exactly one of score, decile, top_percent, bottom_percent or level (got ${given.length ? given.join(', ') : 'none'})`,
    );
  }
  const d = ctx.dialect;
  const modelParam = ctx.bindText(model);
  let test: string;
  switch (given[0]) {
    case 'score':
      test = thresholdSql('ms.score', requireThreshold(cond.score, fieldPath(path, 'score')), ctx);
      break;
    case 'decile':
      test = thresholdSql('ms.decile', requireThreshold(cond.decile, fieldPath(path, 'decile')), ctx);
      break;
    case 'level': {
      const range = LEVELS[cond.level as keyof typeof LEVELS];
      if (!range) invalid(fieldPath(path, 'level'), `expected high, medium or low, got ${JSON.stringify(cond.level)}`);
      const between: Threshold = { op: 'between', min: range[0], max: range[1] };
      test = thresholdSql('ms.decile', between, ctx);
      break;
    }
    case 'top_percent': {
      const n = percent(cond.top_percent, fieldPath(path, 'top_percent'));
      const cut = d.percentileCont(
        'ms2.score',
        ctx.bindFraction((100 - n) / 100),
        `FROM model_scores ms2 WHERE ms2.model_name = ${modelParam}`,
      );
      test = `ms.score >= ${cut}`;
      break;
    }
    default: {
      const n = percent(cond.bottom_percent, fieldPath(path, 'bottom_percent'));
      const cut = d.percentileCont(
        'ms2.score',
        ctx.bindFraction(n / 100),
        `FROM model_scores ms2 WHERE ms2.model_name = ${modelParam}`,
      );
      test = `ms.score <= ${cut}`;
      break;
    }
  }
  const sub = `SELECT ms.customer_id FROM model_scores ms WHERE ms.customer_id IS NOT NULL AND ms.model_name = ${modelParam} AND ${test}`;
  const raw: LeafSql = { sql: d.inSubquery(CUSTOMER_ID, sub, false), twoValued: true };
  // Valid (compiled above); the model's own score column when the facts hold it.
  return factsModel(cond, ctx) ?? raw;
}
