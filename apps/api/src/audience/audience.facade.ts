import { Injectable } from '@nestjs/common';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import type { Catalog, Segment } from '@smartseg/segment-engine';
import type { TenantEntity } from '@smartseg/tenant-config';
import { TenantContext } from '@smartseg/common/server';
import { RequestTenant } from '../auth/request-tenant';
import { catalogForCaller, CatalogService } from '../catalog/catalog.service';
import {
  AudiencePort,
  SegmentCompiler,
  SegmentExplainer,
  SegmentVerifier,
  type AudienceContext,
  type SqlDialect,
  type VerifyProblem,
} from '../engine/engine.ports';
import { TenantWarehouses } from '../warehouse/tenant-warehouses.service';

/** Customer columns that are personal data: never exported without the pii role. */
export const PII_COLUMNS = new Set(['first_name', 'last_name', 'email', 'phone', 'zip', 'birth_date']);

export interface CheckedSegment {
  segment: Segment;
  catalog: Catalog;
  warnings: VerifyProblem[];
}

/**
 * Everything the API does with a segment for the current tenant: verify it with the caller's
 * permissions, then count, break down, explain, compile or export it on the tenant's warehouse.
 */
@Injectable()
export class AudienceFacade {
  constructor(
    private readonly tenant: TenantContext,
    private readonly catalogs: CatalogService,
    private readonly warehouses: TenantWarehouses,
    private readonly verifier: SegmentVerifier,
    private readonly explainer: SegmentExplainer,
    private readonly compiler: SegmentCompiler,
    private readonly audience: AudiencePort,
    private readonly requestTenant: RequestTenant,
  ) {}

  /** The current tenant's row (its settings): the one the request was authenticated with. */
  currentTenant(): Promise<TenantEntity> {
    return this.requestTenant.row();
  }

  /**
   * The tenant's catalog minus tenant-restricted facets (PII is left in: the verifier refuses it per
   * caller). `tenant`: the tenant's row when the caller has already read it.
   */
  async catalog(tenant?: TenantEntity): Promise<Catalog> {
    const tenantId = this.tenant.tenantId;
    const [catalog, t] = await Promise.all([this.catalogs.get(tenantId), tenant ?? this.currentTenant()]);
    return catalogForCaller(catalog, { pii: true, restricted: t.settings.restrictedFacets ?? [] });
  }

  /** Verifies with the caller's permissions: 403 PII_NOT_PERMITTED, or 422 INVALID_SEGMENT with paths. */
  async check(segment: unknown, catalog?: Catalog): Promise<CheckedSegment> {
    const cat = catalog ?? (await this.catalog());
    const result = this.verifier.verify(segment, {
      catalog: cat,
      permissions: { pii: this.tenant.canSeePii },
      asOf: cat.as_of,
    });
    if (!result.ok) {
      const pii = result.problems.filter((p) => p.code === 'PII_NOT_PERMITTED');
      if (pii.length > 0)
        throw new SmartsegError(
          ErrorCode.PiiNotPermitted,
          'The segment uses personal data; this key lacks the pii role',
          pii,
        );
      throw new SmartsegError(
        ErrorCode.InvalidSegment,
        `The segment is not valid: ${result.problems[0]!.path}: ${result.problems[0]!.message}`,
        result.problems,
      );
    }
    return { segment: result.segment, catalog: cat, warnings: result.warnings };
  }

  private async context(catalog: Catalog, tenant?: TenantEntity): Promise<AudienceContext> {
    return {
      connection: await this.warehouses.connection(this.tenant.tenantId, tenant ?? (await this.currentTenant())),
      catalog,
      asOf: catalog.as_of,
    };
  }

  async count(segment: unknown) {
    const tenant = await this.currentTenant();
    const c = await this.check(segment, await this.catalog(tenant));
    const started = Date.now();
    const count = await this.audience.count(await this.context(c.catalog, tenant), c.segment);
    return {
      count,
      as_of: c.catalog.as_of,
      explanation: this.explainer.explain(c.segment, c.catalog),
      warnings: c.warnings,
      elapsed_ms: Date.now() - started,
    };
  }

  async breakdown(segment: unknown, facet: string, limit?: number) {
    const c = await this.check(segment);
    const f = c.catalog.facets.find((x) => x.name === facet);
    if (f?.pii && !this.tenant.canSeePii)
      throw new SmartsegError(
        ErrorCode.PiiNotPermitted,
        `Facet '${facet}' is personal data; this key lacks the pii role`,
        [{ path: 'facet', message: 'personal data' }],
      );
    const rows = await this.audience.breakdown(await this.context(c.catalog), c.segment, facet, limit);
    return { facet, as_of: c.catalog.as_of, rows };
  }

  async waterfall(segment: unknown) {
    const c = await this.check(segment);
    return { as_of: c.catalog.as_of, steps: await this.audience.waterfall(await this.context(c.catalog), c.segment) };
  }

  async why(segment: unknown, customerId: number) {
    const c = await this.check(segment);
    return {
      as_of: c.catalog.as_of,
      ...(await this.audience.why(await this.context(c.catalog), c.segment, customerId)),
    };
  }

  async sql(segment: unknown, dialect: SqlDialect, select: 'count' | 'ids' = 'ids') {
    const c = await this.check(segment);
    if (!this.compiler.dialects.includes(dialect)) {
      throw new SmartsegError(
        ErrorCode.BadInput,
        `Dialect '${dialect}' is not available yet (available: ${this.compiler.dialects.join(', ')})`,
        [{ path: 'dialect', message: 'not available' }],
      );
    }
    return {
      as_of: c.catalog.as_of,
      ...this.compiler.compile(c.segment, { dialect, catalog: c.catalog, select, asOf: c.catalog.as_of }),
    };
  }

  /** Checks export fields: known customer columns; PII only with the pii role. */
  exportFields(fields: string[] | undefined): string[] {
    const out = [...new Set((fields ?? []).map((f) => f.trim()).filter((f) => f && f !== 'customer_id'))];
    for (const f of out) {
      if (!/^[a-z_][a-z0-9_]*$/.test(f))
        throw new SmartsegError(ErrorCode.BadInput, `Unknown field '${f}'`, [
          { path: 'fields', message: `unknown field ${f}` },
        ]);
      if (PII_COLUMNS.has(f) && !this.tenant.canSeePii)
        throw new SmartsegError(
          ErrorCode.PiiNotPermitted,
          `Field '${f}' is personal data; this key lacks the pii role`,
          [{ path: 'fields', message: `${f} is personal data` }],
        );
    }
    return out;
  }

  /** The audience rows (customer_id plus fields), streamed in pages. */
  async rows(segment: unknown, fields?: string[]): Promise<AsyncIterable<Record<string, unknown>>> {
    const c = await this.check(segment);
    const checked = this.exportFields(fields);
    const known = new Set(
      c.catalog.facets.filter((f) => f.source.kind === 'column').map((f) => (f.source as { column: string }).column),
    );
    for (const f of checked)
      if (!known.has(f))
        throw new SmartsegError(ErrorCode.BadInput, `Unknown field '${f}'`, [
          { path: 'fields', message: `unknown field ${f}` },
        ]);
    return this.audience.ids(await this.context(c.catalog), c.segment, { fields: checked });
  }
}
