import { Controller, Get, Global, Module, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
  PrometheusController,
  PrometheusModule,
} from '@willsoto/nestjs-prometheus';
import { Access } from '../auth/access.decorator';

export const METRIC = {
  agentRequests: 'agent_requests_total',
  agentLatency: 'agent_request_latency_seconds',
  llmTokens: 'llm_tokens_total',
  llmCost: 'llm_cost_usd_total',
  llmLatency: 'llm_call_latency_seconds',
  cacheHits: 'cache_hits_total',
  cacheMisses: 'cache_misses_total',
  evalScore: 'eval_score',
  tenantWarehouseUp: 'tenant_warehouse_up',
} as const;

/** GET /metrics (Prometheus text; PrometheusModule sets the controller's path). Public like the probes: bind HOST to a private address. */
@ApiExcludeController()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @Access('public')
  override async index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}

const providers = [
  makeCounterProvider({
    name: METRIC.agentRequests,
    help: 'Conversation turns answered, by tenant, skill and status',
    labelNames: ['tenant_id', 'skill', 'status'],
  }),
  makeHistogramProvider({
    name: METRIC.agentLatency,
    help: 'Time to answer a conversation turn',
    labelNames: ['tenant_id', 'skill'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  }),
  makeCounterProvider({
    name: METRIC.llmTokens,
    help: 'Language-model tokens used',
    labelNames: ['tenant_id', 'provider', 'model', 'kind'],
  }),
  makeCounterProvider({
    name: METRIC.llmCost,
    help: 'Language-model cost in US dollars',
    labelNames: ['tenant_id', 'provider', 'model'],
  }),
  makeHistogramProvider({
    name: METRIC.llmLatency,
    help: 'Language-model call latency',
    labelNames: ['provider', 'model'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  }),
  makeCounterProvider({ name: METRIC.cacheHits, help: 'Cache hits', labelNames: ['cache'] }),
  makeCounterProvider({ name: METRIC.cacheMisses, help: 'Cache misses', labelNames: ['cache'] }),
  makeGaugeProvider({
    name: METRIC.tenantWarehouseUp,
    help: "1 when the tenant's warehouse answered the last readiness check, 0 when it did not",
    labelNames: ['tenant_id'],
  }),
  makeGaugeProvider({
    name: METRIC.evalScore,
    help: 'Latest evaluation score',
    labelNames: ['tenant_id', 'eval_set', 'metric'],
  }),
];

@Global()
@Module({
  imports: [PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } })],
  providers,
  exports: providers,
})
export class MetricsModule {}
