import * as fs from 'node:fs';
import { Controller, Get, Injectable, Logger, UseFilters, type OnApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { JobQueue } from '@smartseg/queue';
import { TenantService } from '@smartseg/tenant-config';
import { AppConfig } from '@smartseg/common/server';
import { DuckDbConnection } from '@smartseg/warehouse';
import { Access } from '../auth/access.decorator';
import { METRIC } from '../metrics/metrics.module';
import { TenantWarehouses } from '../warehouse/tenant-warehouses.service';
import { HealthErrorFilter } from './health-error.filter';

/** Longest the embedded engine may take to answer `SELECT 1`. */
const ENGINE_TIMEOUT_MS = 2000;
/**
 * Longest a probe waits for the tenants' warehouses (checked in the background, up to 3 s each):
 * under Kubernetes' default 1 s probe timeout. Slower ones show their last known state.
 */
export const TENANT_CHECK_WAIT_MS = 700;

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The warehouse part of readiness. Up or down by the service's own warehouse dependency only: the
 * embedded engine (an in-memory DuckDB answers) and the data home is readable. Each tenant's
 * warehouse (opened DuckDB files, PostgreSQL warehouses of active tenants) is checked too and
 * reported in the details (`opened`: tenant -> 'up' | 'down: why', `down`: the tenants down,
 * `missing`: tenants whose file is absent), in the `tenant_warehouse_up` gauge and in a log line
 * when it changes, but a tenant's unreachable database never takes the pod out of service.
 */
@Injectable()
export class WarehouseHealth implements OnApplicationShutdown {
  private readonly logger = new Logger('WarehouseHealth');
  private engine: Promise<DuckDbConnection> | undefined;
  /** Last completed check of the tenants' warehouses. */
  private states: Record<string, string> = {};
  private running: Promise<Record<string, string>> | undefined;

  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly warehouses: TenantWarehouses,
    private readonly tenants: TenantService,
    private readonly config: AppConfig,
    @InjectMetric(METRIC.tenantWarehouseUp) private readonly up: Gauge<string>,
  ) {}

  async check(key = 'warehouse') {
    const i = this.indicator.check(key);
    const [engine, opened, missing] = await Promise.all([this.engineState(), this.tenantStates(), this.missing()]);
    const down = Object.keys(opened).filter((t) => opened[t] !== 'up');
    const details = { engine, opened, missing, ...(down.length ? { down } : {}) };
    return engine === 'up' ? i.up(details) : i.down(details);
  }

  /** 'up' when the embedded engine answers and the data home can be read; else 'down: why'. */
  private async engineState(): Promise<string> {
    try {
      fs.accessSync(this.config.SMARTSEG_HOME, fs.constants.R_OK | fs.constants.X_OK);
    } catch (e) {
      return `down: the data home cannot be read (${firstLine(e)})`;
    }
    try {
      this.engine ??= DuckDbConnection.open({ path: ':memory:', threads: 1, memoryLimit: '64MB', poolSize: 1 });
      const opening = this.engine;
      const rows = await within(
        opening.then((c) => c.query('SELECT 1 AS ok')),
        ENGINE_TIMEOUT_MS,
      );
      if (!rows) return `down: the embedded engine did not answer within ${ENGINE_TIMEOUT_MS} ms`;
      return 'up';
    } catch (e) {
      this.engine = undefined; // opened again on the next probe
      return `down: the embedded engine failed (${firstLine(e)})`;
    }
  }

  /**
   * The tenants' warehouse states: a check runs in the background (one at a time, shared by
   * concurrent probes); a probe waits for it at most TENANT_CHECK_WAIT_MS, else shows the last one.
   */
  private async tenantStates(): Promise<Record<string, string>> {
    this.running ??= this.warehouses
      .check()
      .then((states) => {
        this.record(states);
        return states;
      })
      .catch((e: unknown) => {
        this.logger.warn(`tenant warehouses could not be checked: ${firstLine(e)}`);
        return this.states;
      })
      .finally(() => {
        this.running = undefined;
      });
    return (await within(this.running, TENANT_CHECK_WAIT_MS)) ?? this.states;
  }

  private record(states: Record<string, string>): void {
    for (const [tenantId, state] of Object.entries(states)) {
      const before = this.states[tenantId];
      if (state !== 'up' && (before === undefined || before === 'up')) {
        this.logger.warn(`tenant ${tenantId}: warehouse ${state} (readiness is not affected)`);
      } else if (state === 'up' && before !== undefined && before !== 'up') {
        this.logger.log(`tenant ${tenantId}: warehouse up again`);
      }
      this.up.set({ tenant_id: tenantId }, state === 'up' ? 1 : 0);
    }
    for (const tenantId of Object.keys(this.states)) if (!(tenantId in states)) this.up.remove({ tenant_id: tenantId });
    this.states = states;
  }

  /** Active tenants on the embedded engine whose warehouse file is not there (yet). */
  private async missing(): Promise<string[]> {
    const active = (await this.tenants.list()).filter((x) => x.status === 'active').slice(0, 100);
    return active
      .filter((t) => {
        const p = this.warehouses.pathFor(t);
        return p !== undefined && !fs.existsSync(p);
      })
      .map((t) => t.id);
  }

  async onApplicationShutdown(): Promise<void> {
    const engine = await this.engine?.catch(() => undefined);
    this.engine = undefined;
    await engine?.close().catch(() => undefined);
  }
}

@Injectable()
export class RedisHealth {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly queue: JobQueue,
  ) {}

  async check(key = 'redis') {
    const i = this.indicator.check(key);
    try {
      await this.queue.ping();
      return i.up();
    } catch (e) {
      return i.down({ message: (e as Error).message });
    }
  }
}

/**
 * Probes: live (the process answers), ready (the service's own dependencies: the state database,
 * the embedded warehouse engine, Redis when configured). Tenants' warehouses are reported in the
 * readiness body (`details.warehouse`) without deciding it: one tenant's database is not the pod's.
 */
@ApiTags('health')
@UseFilters(HealthErrorFilter)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly warehouse: WarehouseHealth,
    private readonly redis: RedisHealth,
    private readonly config: AppConfig,
  ) {}

  @Get('live')
  @Access('public')
  @ApiOperation({ summary: 'Liveness' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access('public')
  @HealthCheck()
  // (the summary is in openapi.json: "warehouse" is the embedded engine; tenants' warehouses are reported only)
  @ApiOperation({ summary: 'Readiness: database, warehouse, Redis (when REDIS_URL is set)' })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => this.warehouse.check(),
      ...(this.config.REDIS_URL ? [() => this.redis.check()] : []),
    ]);
  }
}
