import * as fs from 'node:fs';
import { Controller, Get, Injectable, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { JobQueue } from '@smartseg/queue';
import { TenantService } from '@smartseg/tenant-config';
import { AppConfig } from '@smartseg/common/server';
import { Access } from '../auth/access.decorator';
import { TenantWarehouses } from '../warehouse/tenant-warehouses.service';
import { HealthErrorFilter } from './health-error.filter';

@Injectable()
export class WarehouseHealth {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly warehouses: TenantWarehouses,
    private readonly tenants: TenantService,
  ) {}

  /** Down when an open warehouse stops answering; tenants whose warehouse file is missing are listed. */
  async check(key = 'warehouse') {
    const i = this.indicator.check(key);
    const opened = await this.warehouses.check();
    const missing: string[] = [];
    for (const t of (await this.tenants.list()).filter((x) => x.status === 'active').slice(0, 100)) {
      const p = await this.warehouses.pathOf(t.id).catch(() => undefined);
      if (p && !fs.existsSync(p)) missing.push(t.id);
    }
    const down = Object.entries(opened).filter(([, s]) => s !== 'up');
    return down.length ? i.down({ opened, missing }) : i.up({ opened, missing });
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

/** Probes: live (the process answers), ready (database, warehouse, and Redis when configured). */
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
  @ApiOperation({ summary: 'Readiness: database, warehouse, Redis (when REDIS_URL is set)' })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => this.warehouse.check(),
      ...(this.config.REDIS_URL ? [() => this.redis.check()] : []),
    ]);
  }
}
