import {
  explainSegment,
  verifySegment,
  type Catalog,
  type Explanation,
  type Permissions,
  type Problem,
  type Segment,
} from '@smartseg/segment-engine';
import {
  UnderstandingEngine,
  type ClarifyOption,
  type SpanInfo,
  type UnderstandingResult,
} from '@smartseg/understanding';
import type { Registry } from 'prom-client';
import {
  AnswerCache,
  LruAnswerCache,
  RedisAnswerCache,
  cacheKey,
  type AnswerCacheLayer,
  type CachedAnswer,
} from '../cache/answer-cache';
import {
  resolveModelRouterSettings,
  tenantView,
  validateTenantModelSettings,
  type ModelChoice,
  type ModelRouterSettings,
  type ModelRouterSettingsInput,
  type Task,
  type TenantModelSettings,
  type TenantView,
  type Tier,
} from '../config/model-router.config';
import { CostLedger, addTo, costOf, emptyTotals, type SpendStore, type UsageTotals } from '../cost/cost-ledger';
import { routerMetrics, type RouterMetricObjects } from '../metrics/router-metrics';
import {
  PLAN_ANSWER_SCHEMA,
  holdsPersonalData,
  improveMessage,
  normalizeRequest,
  planSystemPrompt,
  planUserMessage,
  usesPersonalFacet,
} from '../prompt/plan-prompt';
import type { LlmMessage, LlmRequest, LlmResponse } from '../providers/llm-provider.port';
import { ProviderRegistry, type ProviderFactory } from '../providers/provider-registry';
import { Resilience, failureReason, type BreakerState } from '../resilience/resilience';
import { decideEscalation } from './escalation';

export interface RouterContext {
  tenantId: string;
  catalog: Catalog;
  asOf: string;
  permissions: Permissions;
  current?: Segment;
  /** Earlier states of the conversation's segment, oldest first (for "undo"). */
  previous?: readonly Segment[];
  signal?: AbortSignal;
}

/** The local engine as the router sees it (UnderstandingEngine's public `understand`). */
export interface LocalUnderstander {
  understand(
    text: string,
    ctx: { asOf: string; permissions: Permissions; current?: Segment; previous?: readonly Segment[] },
  ): UnderstandingResult | Promise<UnderstandingResult>;
}

export type AnsweredBy = 'local' | `${string}:${string}`;

/** One step of the walk, for SSE. Never carries keys, prompts or customer data. */
export type RouterStep =
  | { type: 'local'; status: UnderstandingResult['status']; confidence?: number; ms: number }
  | { type: 'decide'; escalate: boolean; reason: string; task?: Task; tier?: Tier }
  | { type: 'cache'; hit: boolean; layer?: string }
  | { type: 'skip'; provider: string; model: string; reason: 'breaker_open' | 'no_key' | 'provider_budget' }
  | {
      type: 'call';
      round: number;
      provider: string;
      model: string;
      ok: true;
      ms: number;
      inputTokens: number;
      outputTokens: number;
      cachedTokens: number;
      costUsd: number;
    }
  | { type: 'call'; round: number; provider: string; model: string; ok: false; ms: number; error: string; code: string }
  | {
      type: 'verify';
      round: number;
      provider: string;
      model: string;
      ok: boolean;
      problems: Pick<Problem, 'path' | 'code' | 'message'>[];
    }
  | { type: 'improve'; round: number; provider: string; model: string }
  | { type: 'fallback'; reason: string }
  | { type: 'answer'; status: RoutedAnswer['status']; answered_by: AnsweredBy };

export interface RoutedAnswer {
  status: 'segment' | 'clarify' | 'refuse' | 'error';
  answered_by: AnsweredBy;
  /** Present only when it passed verifySegment for this catalog, permissions and as-of date. */
  segment?: Segment;
  explanation?: Explanation;
  spans?: SpanInfo[];
  confidence?: number;
  question?: string;
  options?: ClarifyOption[];
  reason?: string;
  missing?: string[];
  nearest?: string[];
  /** Notices for the user (budget reached, providers down, model could not improve...). */
  notes: string[];
  /** What the local engine answered. */
  local: UnderstandingResult;
  escalated: boolean;
  cache?: 'hit' | 'miss';
  /** Tokens and cost of this request. */
  usage: UsageTotals;
  /** Time spent after the local answer (model calls, cache). */
  router_ms: number;
  elapsed_ms: number;
}

export interface ModelRouterOptions {
  settings?: ModelRouterSettingsInput;
  /** The local engine per catalog; default: one UnderstandingEngine per tenant and catalog version. */
  localEngine?: (tenantId: string, catalog: Catalog) => LocalUnderstander;
  /** Builds provider adapters (default: the real SDKs). */
  providerFactory?: ProviderFactory;
  /** prom-client registry for metrics the router creates (default: a private one). */
  registry?: Registry;
  /** Existing metric objects (the API's) to write instead of creating new ones. */
  metrics?: Partial<RouterMetricObjects>;
  /** Cache layers (default: LRU, plus Redis when settings.cache.redisUrl is set). */
  cacheLayers?: AnswerCacheLayer[];
  /** Where monthly spend is kept (default: in memory; the API uses DatabaseSpendStore). */
  spendStore?: SpendStore;
  clock?: () => Date;
  /**
   * A tenant's stored model settings (the API: `TenantSettings.model` from tenant-config), read
   * per request and cached for `tenantSettingsTtlMs`; `invalidateTenant` drops the cached copy
   * when the tenant is updated. Validated with the router's own rules; they win over static
   * `settings.tenants.<id>`, which win over the defaults. Undefined / null: no stored settings.
   */
  tenantSettings?: (tenantId: string) => unknown | Promise<unknown>;
  /** How long a tenant's stored settings are kept before they are read again (ms, default 30 s). */
  tenantSettingsTtlMs?: number;
}

/** A tenant's effective settings, or why its stored settings cannot be used (the field, never a value). */
interface ResolvedTenant {
  view: TenantView;
  problem?: string;
}

const MAX_QUESTION = 300;
/** ResolvedTenant.problem when the tenant's stored settings could not be read. */
const READ_FAILED = '(unreadable)';

/**
 * Plan-Act-Verify-Improve over the local engine. The local engine answers first; only a
 * refusal for lack of understanding or a segment below the tenant's confidence threshold goes
 * to a model (the task's tier, providers in order). The model's answer is verified with
 * verifySegment; findings go back for at most N improvements. Outages, open breakers, full
 * bulkheads and spent budgets move to the next provider, then to the local answer: `answer`
 * never throws for a model failure.
 */
export class ModelRouter {
  readonly settings: ModelRouterSettings;
  readonly ledger: CostLedger;
  readonly metrics: RouterMetricObjects & { registry: Registry };
  private readonly providers: ProviderRegistry;
  private readonly resilience: Resilience;
  private readonly cache: AnswerCache | undefined;
  private readonly engines = new Map<string, LocalUnderstander>();
  private readonly localEngine: (tenantId: string, catalog: Catalog) => LocalUnderstander;
  private readonly tenantSource: ModelRouterOptions['tenantSettings'];
  private readonly tenantTtlMs: number;
  private readonly tenants = new Map<string, { at: number; resolved: Promise<ResolvedTenant> }>();

  constructor(options: ModelRouterOptions = {}) {
    this.settings = resolveModelRouterSettings(options.settings ?? {});
    this.tenantSource = options.tenantSettings;
    this.tenantTtlMs = options.tenantSettingsTtlMs ?? 30_000;
    this.metrics = routerMetrics({
      ...(options.registry ? { registry: options.registry } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
    this.ledger = new CostLedger(options.spendStore, 1000, options.clock);
    this.providers = new ProviderRegistry(options.providerFactory);
    this.resilience = new Resilience(this.settings.resilience);
    const c = this.settings.cache;
    const layers = options.cacheLayers ?? [
      new LruAnswerCache(c.maxEntries),
      ...(c.redisUrl ? [RedisAnswerCache.fromUrl(c.redisUrl, c.keyPrefix)] : []),
    ];
    this.cache = c.enabled && layers.length ? new AnswerCache(layers, c.ttlSeconds, this.metrics) : undefined;
    this.localEngine = options.localEngine ?? ((tenantId, catalog) => this.defaultEngine(tenantId, catalog));
  }

  private defaultEngine(tenantId: string, catalog: Catalog): LocalUnderstander {
    const key = `${tenantId}@${catalog.version}`;
    const hit = this.engines.get(key) as (LocalUnderstander & { catalog?: Catalog }) | undefined;
    if (hit && hit.catalog === catalog) return hit;
    const engine = new UnderstandingEngine(catalog);
    this.engines.set(key, engine);
    if (this.engines.size > 64) this.engines.delete(this.engines.keys().next().value!);
    return engine;
  }

  /**
   * Checks a tenant's model settings as the router would read them (the admin API calls it before
   * storing them). Throws `SmartsegError(CONFIG_INVALID)` naming the field under `path`; returns the
   * normalised settings.
   */
  validateTenantSettings(tenantId: string, input: unknown, path = 'settings.model'): TenantModelSettings {
    return validateTenantModelSettings(this.settings, tenantId, input, path);
  }

  /** Drops the cached stored settings of one tenant (or all): the next request reads them again. */
  invalidateTenant(tenantId?: string): void {
    if (tenantId === undefined) this.tenants.clear();
    else this.tenants.delete(tenantId);
  }

  /** The tenant's effective settings (stored > static > defaults). */
  async tenantView(tenantId: string): Promise<TenantView> {
    return (await this.resolveTenant(tenantId)).view;
  }

  /**
   * Whether a request of this tenant may reach a model: models enabled and at least one provider
   * with a key (the platform's or the tenant's own). Unusable stored settings count as true so that
   * their notice is shown.
   */
  async modelsAvailable(tenantId: string): Promise<boolean> {
    const { view, problem } = await this.resolveTenant(tenantId);
    if (problem) return true;
    return view.enabled && this.settings.providers.some((p) => !!view.provider(p.id).apiKey);
  }

  /** Every key a request of this tenant may use (to redact from anything shown; never to show). */
  async tenantSecrets(tenantId: string): Promise<string[]> {
    const { view } = await this.resolveTenant(tenantId);
    const keys = this.settings.providers.map((p) => view.provider(p.id).apiKey);
    return [...new Set(keys.filter((k): k is string => !!k && k.length >= 4))];
  }

  private resolveTenant(tenantId: string): Promise<ResolvedTenant> {
    if (!this.tenantSource) return Promise.resolve({ view: tenantView(this.settings, tenantId) });
    const now = performance.now();
    const hit = this.tenants.get(tenantId);
    if (hit && now - hit.at < this.tenantTtlMs) return hit.resolved;
    const resolved = this.readTenant(tenantId);
    this.tenants.set(tenantId, { at: now, resolved });
    if (this.tenants.size > 10_000) this.tenants.delete(this.tenants.keys().next().value!);
    // a failed read is not kept: the next request tries again
    void resolved.then((r) => {
      if (r.problem === READ_FAILED && this.tenants.get(tenantId)?.resolved === resolved) this.tenants.delete(tenantId);
    });
    return resolved;
  }

  private async readTenant(tenantId: string): Promise<ResolvedTenant> {
    const fixed = tenantView(this.settings, tenantId);
    let raw: unknown;
    try {
      raw = await this.tenantSource!(tenantId);
    } catch {
      return { view: fixed, problem: READ_FAILED };
    }
    if (raw === undefined || raw === null) return { view: fixed };
    try {
      return { view: tenantView(this.settings, tenantId, this.validateTenantSettings(tenantId, raw)) };
    } catch (err) {
      const setting = (err as { details?: { setting?: unknown } }).details?.setting;
      return { view: fixed, problem: typeof setting === 'string' ? setting : 'settings.model' };
    }
  }

  breakerState(provider: string, model: string): BreakerState {
    return this.resilience.breakerState(provider, model);
  }

  async close(): Promise<void> {
    await this.cache?.close();
  }

  async answer(text: string, ctx: RouterContext, onStep?: (step: RouterStep) => void): Promise<RoutedAnswer> {
    const started = performance.now();
    const step = (s: RouterStep) => {
      try {
        onStep?.(s);
      } catch {
        // a listener never breaks an answer
      }
    };
    const local = await this.runLocal(text, ctx);
    const localMs = performance.now() - started;
    step({
      type: 'local',
      status: local.status,
      ...(local.status === 'segment' ? { confidence: local.confidence } : {}),
      ms: round(localMs),
    });

    const usage = emptyTotals();
    const finish = (a: Omit<RoutedAnswer, 'usage' | 'router_ms' | 'elapsed_ms' | 'local'>): RoutedAnswer => {
      const end = performance.now();
      const out: RoutedAnswer = {
        ...a,
        local,
        usage,
        router_ms: round(end - started - localMs),
        elapsed_ms: round(end - started),
      };
      step({ type: 'answer', status: out.status, answered_by: out.answered_by });
      return out;
    };

    const { view, problem } = await this.resolveTenant(ctx.tenantId);
    const decision = decideEscalation(local, view.confidenceThreshold);
    const stay = (reason: string, note?: string) => {
      step({ type: 'decide', escalate: false, reason });
      return finish(this.localAnswer(local, ctx, note ? [note] : [], false));
    };
    if (!decision.escalate) return stay(decision.reason);
    if (problem === READ_FAILED)
      return stay(
        "the tenant's model settings could not be read",
        "This tenant's model settings could not be read, so no language model was asked.",
      );
    if (problem)
      return stay(
        `the tenant's model settings are invalid (${problem})`,
        `This tenant's model settings are invalid (${problem}), so no language model was asked.`,
      );
    if (!view.enabled) return stay('models are disabled for this tenant');
    if (holdsPersonalData(text))
      return stay(
        'the request holds personal data',
        'The request holds personal data, so it was not sent to a language model.',
      );
    if (ctx.current && usesPersonalFacet(ctx.current, ctx.catalog)) {
      return stay(
        'the current segment uses personal facets',
        'The current segment uses personal data, so it was not sent to a language model.',
      );
    }
    const tier = view.taskTier(decision.task);
    step({ type: 'decide', escalate: true, reason: decision.reason, task: decision.task, tier });

    if ((await this.ledger.tenantMonthUsd(ctx.tenantId)) >= view.budgetUsdPerMonth) {
      step({ type: 'fallback', reason: 'monthly model budget reached' });
      return finish(
        this.localAnswer(
          local,
          ctx,
          ["This month's language-model budget is used up; answered by the local engine."],
          true,
        ),
      );
    }

    const chain = view.tierModels(tier);
    const key = cacheKey({
      tenantId: ctx.tenantId,
      model: chain.map((c) => `${c.provider}:${c.model}`).join(','),
      promptVersion: this.settings.promptVersion,
      normalizedRequest: normalizeRequest(text),
      catalogVersion: ctx.catalog.version,
      context: JSON.stringify([ctx.asOf, ctx.permissions.pii, ctx.current ?? null, decision.task]),
    });
    let cacheState: 'hit' | 'miss' | undefined;
    // with no key for any model of the tier nothing can be asked: the cache is not consulted either
    const askable = chain.some((c) => !!view.provider(c.provider).apiKey);
    if (this.cache && askable) {
      const hit = await this.cache.get(key);
      step({ type: 'cache', hit: !!hit, ...(hit ? { layer: hit.layer } : {}) });
      cacheState = hit ? 'hit' : 'miss';
      if (hit) {
        const accepted = this.accept(hit.value, ctx);
        if (accepted) return finish({ ...accepted, escalated: true, cache: 'hit', notes: [] });
      }
    }

    const system = planSystemPrompt(ctx.catalog, ctx.permissions);
    const firstUser = planUserMessage({
      text,
      catalog: ctx.catalog,
      permissions: ctx.permissions,
      asOf: ctx.asOf,
      ...(ctx.current ? { current: ctx.current } : {}),
      reason: decision.reason,
    });
    const outages: string[] = [];
    let rejected: Problem[] = [];
    for (const choice of chain) {
      const settings = view.provider(choice.provider);
      if (!settings.apiKey) {
        step({ type: 'skip', provider: choice.provider, model: choice.model, reason: 'no_key' });
        continue;
      }
      if (
        settings.budgetUsdPerMonth !== undefined &&
        (await this.ledger.providerMonthUsd(choice.provider)) >= settings.budgetUsdPerMonth
      ) {
        step({ type: 'skip', provider: choice.provider, model: choice.model, reason: 'provider_budget' });
        continue;
      }
      const messages: LlmMessage[] = [{ role: 'user', content: firstUser }];
      let lastProblems: Problem[] = [];
      let outage = false;
      for (let round = 0; round <= view.maxImprovements; round++) {
        let res: LlmResponse;
        try {
          res = await this.call(
            ctx.tenantId,
            choice,
            view,
            { system, messages, jsonSchema: PLAN_ANSWER_SCHEMA, jsonName: 'segment_answer' },
            usage,
            round,
            step,
            ctx.signal,
          );
        } catch (err) {
          const why = failureReason(err);
          outages.push(`${choice.provider}:${choice.model} (${why.message})`);
          outage = true;
          break; // next provider (an outage, a full bulkhead or an open breaker)
        }
        const outcome = this.read(res.json, ctx);
        const by = `${choice.provider}:${choice.model}` as const;
        if (outcome.kind === 'question') {
          step({ type: 'verify', round, provider: choice.provider, model: choice.model, ok: true, problems: [] });
          await this.cache?.set(key, { provider: choice.provider, model: choice.model, question: outcome.question });
          return finish({
            status: 'clarify',
            answered_by: by,
            question: outcome.question,
            options: [],
            escalated: true,
            ...(cacheState ? { cache: cacheState } : {}),
            notes: [],
          });
        }
        step({
          type: 'verify',
          round,
          provider: choice.provider,
          model: choice.model,
          ok: outcome.kind === 'segment',
          problems:
            outcome.kind === 'segment'
              ? []
              : outcome.problems.map(({ path, code, message }) => ({ path, code, message })),
        });
        if (outcome.kind === 'segment') {
          await this.cache?.set(key, { provider: choice.provider, model: choice.model, segment: outcome.segment });
          return finish({
            status: 'segment',
            answered_by: by,
            segment: outcome.segment,
            explanation: explainSegment(outcome.segment, ctx.catalog),
            escalated: true,
            ...(cacheState ? { cache: cacheState } : {}),
            notes: outcome.warnings,
          });
        }
        lastProblems = outcome.problems;
        rejected = outcome.problems;
        if (round === view.maxImprovements) break;
        if ((await this.ledger.tenantMonthUsd(ctx.tenantId)) >= view.budgetUsdPerMonth) break;
        step({ type: 'improve', round: round + 1, provider: choice.provider, model: choice.model });
        messages.push(
          { role: 'assistant', content: res.text.slice(0, 4000) || '(no answer)' },
          { role: 'user', content: improveMessage(outcome.problems) },
        );
      }
      if (lastProblems.length && !outage) {
        // the model answered but never passed the verifier: not an outage, stop here
        step({ type: 'fallback', reason: "the model's answers did not pass the verifier" });
        return finish({
          ...this.localAnswer(
            local,
            ctx,
            [
              `A language model was asked but its answer did not pass verification (${lastProblems
                .slice(0, 3)
                .map((p) => p.message)
                .join('; ')}); this is the local engine's answer.`,
            ],
            true,
          ),
          ...(cacheState ? { cache: cacheState } : {}),
        });
      }
    }
    const why = outages.length ? 'no model provider available' : 'no model provider configured';
    step({ type: 'fallback', reason: why });
    const note = rejected.length
      ? `A language model was asked but no answer passed verification (${rejected
          .slice(0, 3)
          .map((p) => p.message)
          .join('; ')}) before the providers became unavailable; this is the local engine's answer.`
      : outages.length
        ? "Language models are unavailable right now; this is the local engine's answer."
        : "No language model is configured; this is the local engine's answer.";
    return finish({ ...this.localAnswer(local, ctx, [note], true), ...(cacheState ? { cache: cacheState } : {}) });
  }

  /**
   * One model call for a task outside the segment loop (summaries, hypotheses...): the task's
   * tier, providers in order, the same resilience, cost and budget. Undefined when no model
   * could answer (the caller stays local).
   */
  async complete(
    tenantId: string,
    task: Task,
    req: Pick<LlmRequest, 'system' | 'messages' | 'jsonSchema' | 'jsonName'>,
    onStep?: (step: RouterStep) => void,
  ): Promise<{ response: LlmResponse; answered_by: AnsweredBy; usage: UsageTotals } | undefined> {
    const { view, problem } = await this.resolveTenant(tenantId);
    const usage = emptyTotals();
    if (problem || !view.enabled || (await this.ledger.tenantMonthUsd(tenantId)) >= view.budgetUsdPerMonth)
      return undefined;
    for (const choice of view.tierModels(view.taskTier(task))) {
      if (!view.provider(choice.provider).apiKey) continue;
      try {
        const response = await this.call(tenantId, choice, view, req, usage, 0, (s) => onStep?.(s));
        return { response, answered_by: `${choice.provider}:${choice.model}`, usage };
      } catch {
        // next provider
      }
    }
    return undefined;
  }

  private async runLocal(text: string, ctx: RouterContext): Promise<UnderstandingResult> {
    try {
      const engine = this.localEngine(ctx.tenantId, ctx.catalog);
      return await engine.understand(text, {
        asOf: ctx.asOf,
        permissions: ctx.permissions,
        ...(ctx.current ? { current: ctx.current } : {}),
        ...(ctx.previous?.length ? { previous: ctx.previous } : {}),
      });
    } catch (err) {
      return {
        status: 'refuse',
        reason: `the request could not be read (${err instanceof Error ? err.message : 'error'})`,
        missing: [],
        nearest: [],
      };
    }
  }

  /** One call through bulkhead / retry / breaker / timeout, with tokens, cost and latency recorded. */
  private async call(
    tenantId: string,
    choice: ModelChoice,
    view: TenantView,
    req: Pick<LlmRequest, 'system' | 'messages' | 'jsonSchema' | 'jsonName'>,
    usage: UsageTotals,
    round: number,
    step: (s: RouterStep) => void,
    signal?: AbortSignal,
  ): Promise<LlmResponse> {
    const provider = this.providers.get(view.provider(choice.provider));
    if (!provider) throw new Error(`no key for ${choice.provider}`);
    const t0 = performance.now();
    try {
      const res = await this.resilience.execute(
        tenantId,
        choice.provider,
        choice.model,
        (sig) =>
          provider.complete({
            model: choice.model,
            system: req.system,
            messages: req.messages,
            ...(req.jsonSchema ? { jsonSchema: req.jsonSchema } : {}),
            ...(req.jsonName ? { jsonName: req.jsonName } : {}),
            maxTokens: choice.maxTokens ?? view.maxTokens,
            temperature: choice.temperature ?? view.temperature,
            signal: sig,
          }),
        signal,
      );
      const costUsd = costOf(res.usage, view.price(choice.provider, choice.model));
      await this.ledger.record({
        tenantId,
        provider: choice.provider,
        model: choice.model,
        usage: res.usage,
        costUsd,
        latencyMs: res.latencyMs,
      });
      addTo(usage, { usage: res.usage, costUsd });
      const labels = { tenant_id: tenantId, provider: choice.provider, model: choice.model };
      this.metrics.tokens.inc({ ...labels, kind: 'input' }, res.usage.inputTokens - res.usage.cachedTokens);
      this.metrics.tokens.inc({ ...labels, kind: 'cached' }, res.usage.cachedTokens);
      this.metrics.tokens.inc({ ...labels, kind: 'output' }, res.usage.outputTokens);
      this.metrics.cost.inc(labels, costUsd);
      this.metrics.latency.observe({ provider: choice.provider, model: choice.model }, res.latencyMs / 1000);
      step({
        type: 'call',
        round,
        provider: choice.provider,
        model: choice.model,
        ok: true,
        ms: round2(performance.now() - t0),
        inputTokens: res.usage.inputTokens,
        outputTokens: res.usage.outputTokens,
        cachedTokens: res.usage.cachedTokens,
        costUsd,
      });
      return res;
    } catch (err) {
      const why = failureReason(err);
      if (why.code === 'breaker_open')
        step({ type: 'skip', provider: choice.provider, model: choice.model, reason: 'breaker_open' });
      else
        step({
          type: 'call',
          round,
          provider: choice.provider,
          model: choice.model,
          ok: false,
          ms: round2(performance.now() - t0),
          error: why.message,
          code: why.code,
        });
      throw err;
    }
  }

  /** Reads a model's structured answer: a verified segment, a question, or the verifier's problems. Nothing else is ever used. */
  private read(
    json: unknown,
    ctx: RouterContext,
  ):
    | { kind: 'segment'; segment: Segment; warnings: string[] }
    | { kind: 'question'; question: string }
    | { kind: 'invalid'; problems: Problem[] } {
    // plain data only (no prototypes, getters or other realms' objects) before anything reads it
    try {
      json = json === undefined ? undefined : JSON.parse(JSON.stringify(json));
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return {
        kind: 'invalid',
        problems: [
          {
            path: '',
            code: 'INVALID_STRUCTURE',
            message: 'the answer was not a JSON object of the requested shape {"segment": ...} or {"question": ...}',
          },
        ],
      };
    }
    const o = json as Record<string, unknown>;
    const candidate = o.segment !== undefined ? o.segment : 'where' in o ? o : undefined;
    if (candidate === undefined || candidate === null) {
      if (typeof o.question === 'string' && o.question.trim())
        return { kind: 'question', question: o.question.trim().slice(0, MAX_QUESTION) };
      return {
        kind: 'invalid',
        problems: [{ path: '', code: 'INVALID_STRUCTURE', message: 'the answer has neither a segment nor a question' }],
      };
    }
    const v = verifySegment(candidate, { catalog: ctx.catalog, permissions: ctx.permissions, asOf: ctx.asOf });
    if (!v.ok) return { kind: 'invalid', problems: v.problems };
    return { kind: 'segment', segment: v.segment, warnings: v.warnings.map((w) => w.message) };
  }

  /** A cached answer is verified again against today's catalog and permissions before use. */
  private accept(
    c: CachedAnswer,
    ctx: RouterContext,
  ): Omit<RoutedAnswer, 'usage' | 'router_ms' | 'elapsed_ms' | 'local' | 'escalated' | 'notes' | 'cache'> | undefined {
    const by = `${c.provider}:${c.model}` as const;
    if (c.segment) {
      const v = verifySegment(c.segment, { catalog: ctx.catalog, permissions: ctx.permissions, asOf: ctx.asOf });
      if (!v.ok) return undefined;
      return {
        status: 'segment',
        answered_by: by,
        segment: v.segment,
        explanation: explainSegment(v.segment, ctx.catalog),
      };
    }
    if (c.question)
      return { status: 'clarify', answered_by: by, question: c.question.slice(0, MAX_QUESTION), options: [] };
    return undefined;
  }

  /** The local answer; its segments pass the same verifier as a model's (the engine is pluggable). */
  private localAnswer(
    local: UnderstandingResult,
    ctx: RouterContext,
    notes: string[],
    escalated: boolean,
  ): Omit<RoutedAnswer, 'usage' | 'router_ms' | 'elapsed_ms' | 'local'> {
    const base = { answered_by: 'local' as const, escalated };
    const vctx = { catalog: ctx.catalog, permissions: ctx.permissions, asOf: ctx.asOf };
    switch (local.status) {
      case 'segment': {
        const v = verifySegment(local.segment, vctx);
        if (!v.ok)
          return {
            ...base,
            status: 'refuse',
            reason: `I could not build a valid segment: ${v.problems
              .slice(0, 3)
              .map((p) => p.message)
              .join('; ')}`,
            missing: [],
            nearest: [],
            notes,
          };
        return {
          ...base,
          status: 'segment',
          segment: v.segment,
          explanation: local.explanation,
          spans: local.spans,
          confidence: local.confidence,
          notes: [...local.notes, ...notes],
        };
      }
      case 'clarify': {
        const options = local.options.filter((o) => verifySegment(o.segment, vctx).ok);
        if (!options.length)
          return {
            ...base,
            status: 'refuse',
            reason: 'the request is ambiguous and none of its readings is a valid segment',
            missing: [],
            nearest: [],
            notes,
          };
        return {
          ...base,
          status: 'clarify',
          question: local.question,
          options,
          notes: [...(local.notes ?? []), ...notes],
        };
      }
      case 'refuse':
        return {
          ...base,
          status: 'refuse',
          reason: local.reason,
          missing: local.missing,
          nearest: local.nearest,
          notes,
        };
      case 'error':
        return { ...base, status: 'error', reason: local.message, notes };
    }
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const round2 = round;
