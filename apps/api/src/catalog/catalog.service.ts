import * as fs from 'node:fs';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { Repository } from 'typeorm';
import { catalogPath, ErrorCode, SmartsegError } from '@smartseg/common/server';
import type { Catalog, FacetDef, RuleDef } from '@smartseg/segment-engine';
import { AuditService, TenantService } from '@smartseg/tenant-config';
import { AppConfig } from '@smartseg/common/server';
import { TenantCatalogEntity } from '../database/entities';
import { SegmentVerifier } from '../engine/engine.ports';
import { METRIC } from '../metrics/metrics.module';

/** Views already made of a catalog object, per `pii|restricted...` (see catalogForCaller). */
const callerViews = new WeakMap<Catalog, Map<string, Catalog>>();
/** Distinct views kept per catalog object (callers differ only by the pii role and the restricted list). */
const MAX_VIEWS_PER_CATALOG = 16;

/**
 * The catalog a caller may see: PII facets only with the pii role; tenant-restricted facets never.
 * The same catalog object with the same options gives back the same view object, so what is built
 * once per catalog (the understanding engine's lexicon, keyed on the catalog's identity) is reused
 * across requests instead of being rebuilt for every one.
 */
export function catalogForCaller(catalog: Catalog, options: { pii: boolean; restricted?: readonly string[] }): Catalog {
  const restrictedList = [...new Set(options.restricted ?? [])].sort();
  const key = `${options.pii ? 1 : 0}|${restrictedList.join('\u0000')}`;
  let views = callerViews.get(catalog);
  const hit = views?.get(key);
  if (hit) return hit;
  const restricted = new Set(restrictedList);
  const view: Catalog = {
    ...catalog,
    facets: catalog.facets.filter((f) => (options.pii || !f.pii) && !restricted.has(f.name)),
  };
  if (!views) callerViews.set(catalog, (views = new Map()));
  if (views.size >= MAX_VIEWS_PER_CATALOG) views.delete(views.keys().next().value!);
  views.set(key, view);
  return view;
}

interface FileCache {
  mtimeMs: number;
  catalog: Catalog;
}

/**
 * How long a tenant's resolved catalog is used without checking the database (and the file)
 * again. Edits made through this process drop it at once (`save`); an edit made by another
 * process (another API replica, the CLI rewriting the catalog file) is seen at most this late.
 */
export const CATALOG_CHECK_TTL_MS = 5_000;

interface Resolved {
  catalog: Catalog;
  checkedAt: number;
}

interface EditedCache {
  version: number;
  updatedAt: string;
  catalog: Catalog;
}

/**
 * A tenant's catalog: its edited copy in the database when there is one, else the file
 * $SMARTSEG_HOME/catalogs/<tenant>.json written by `smartseg demo init` (cached by mtime).
 */
@Injectable()
export class CatalogService {
  private readonly files = new Map<string, FileCache>();
  private readonly edited = new Map<string, EditedCache>();
  private readonly resolved = new Map<string, Resolved>();
  /** Moves on at every edit: a look-up that began before an edit does not keep its older answer. */
  private generation = 0;
  checkTtlMs = CATALOG_CHECK_TTL_MS;
  now: () => number = Date.now;

  constructor(
    private readonly config: AppConfig,
    @InjectRepository(TenantCatalogEntity) private readonly repo: Repository<TenantCatalogEntity>,
    private readonly audit: AuditService,
    private readonly tenants: TenantService,
    private readonly verifier: SegmentVerifier,
    @InjectMetric(METRIC.cacheHits) private readonly hits: Counter<string>,
    @InjectMetric(METRIC.cacheMisses) private readonly misses: Counter<string>,
  ) {}

  /**
   * The tenant's catalog, checked against the database at most every CATALOG_CHECK_TTL_MS (and
   * at once after an edit made here). The edited copy is looked up by its version and time only;
   * its (large) JSON is read and parsed again only when it changed, and an unchanged catalog is
   * the same object every time.
   */
  async get(tenantId: string): Promise<Catalog> {
    const kept = this.resolved.get(tenantId);
    if (kept && this.now() - kept.checkedAt < this.checkTtlMs) {
      this.hits.inc({ cache: 'catalog' });
      return kept.catalog;
    }
    const generation = this.generation;
    const catalog = await this.lookUp(tenantId);
    if (generation === this.generation && this.checkTtlMs > 0) {
      this.resolved.set(tenantId, { catalog, checkedAt: this.now() });
    }
    return catalog;
  }

  /** Drops what is kept of the tenant's catalog (after an edit). */
  forget(tenantId: string): void {
    this.generation++;
    this.resolved.delete(tenantId);
  }

  private async lookUp(tenantId: string): Promise<Catalog> {
    const head = await this.repo.findOne({
      select: { tenantId: true, version: true, updatedAt: true },
      where: { tenantId },
    });
    if (!head) {
      this.edited.delete(tenantId);
      return this.fromFile(tenantId);
    }
    const cached = this.edited.get(tenantId);
    if (cached && cached.version === head.version && cached.updatedAt === head.updatedAt) {
      this.hits.inc({ cache: 'catalog' });
      return cached.catalog;
    }
    this.misses.inc({ cache: 'catalog' });
    const edited = await this.repo.findOneBy({ tenantId });
    if (!edited) return this.fromFile(tenantId);
    const catalog: Catalog = {
      ...(edited.catalog as unknown as Catalog),
      tenant_id: tenantId,
      version: edited.version,
    };
    this.edited.set(tenantId, { version: edited.version, updatedAt: edited.updatedAt, catalog });
    return catalog;
  }

  /** The catalog with what this caller may not see removed. */
  async forCaller(tenantId: string, pii: boolean): Promise<Catalog> {
    const [catalog, tenant] = await Promise.all([this.get(tenantId), this.tenants.get(tenantId)]);
    return catalogForCaller(catalog, { pii, restricted: tenant.settings.restrictedFacets ?? [] });
  }

  private fromFile(tenantId: string): Catalog {
    const file = catalogPath(tenantId, { SMARTSEG_HOME: this.config.SMARTSEG_HOME });
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) {
      throw new SmartsegError(
        ErrorCode.WarehouseMissing,
        `Tenant '${tenantId}' has no catalog yet (expected catalogs/${tenantId}.json in the data home; run \`smartseg demo init\` for the demo tenant)`,
      );
    }
    const cached = this.files.get(tenantId);
    if (cached && cached.mtimeMs === stat.mtimeMs) {
      this.hits.inc({ cache: 'catalog' });
      return cached.catalog;
    }
    this.misses.inc({ cache: 'catalog' });
    let catalog: Catalog;
    try {
      catalog = JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
    } catch (e) {
      throw new SmartsegError(
        ErrorCode.Internal,
        `The catalog file of tenant '${tenantId}' is not valid JSON: ${(e as Error).message}`,
      );
    }
    if (!Array.isArray(catalog.facets) || !Array.isArray(catalog.rules)) {
      throw new SmartsegError(ErrorCode.Internal, `The catalog file of tenant '${tenantId}' is not a catalog`);
    }
    catalog = { ...catalog, tenant_id: tenantId };
    this.files.set(tenantId, { mtimeMs: stat.mtimeMs, catalog });
    return catalog;
  }

  private async save(
    tenantId: string,
    catalog: Catalog,
    actor: string,
    action: string,
    entityId: string,
    details: Record<string, unknown>,
  ): Promise<Catalog> {
    const version = catalog.version + 1;
    const next = { ...catalog, version };
    try {
      await this.repo.save(
        this.repo.create({
          tenantId,
          version,
          catalog: next as unknown as Record<string, unknown>,
          updatedAt: new Date().toISOString(),
          updatedBy: actor,
        }),
      );
    } finally {
      this.forget(tenantId);
    }
    await this.audit.record(tenantId, {
      actor,
      action,
      entityType: 'catalog',
      entityId,
      details: { ...details, version },
    });
    return next;
  }

  /** Creates or replaces a business rule; its definition must verify against the catalog. */
  async putRule(tenantId: string, rule: RuleDef, actor: string): Promise<Catalog> {
    const catalog = await this.get(tenantId);
    const others = catalog.rules.filter((r) => r.id !== rule.id);
    const probe: Catalog = { ...catalog, rules: others };
    const check = this.verifier.verify(
      { version: 1, where: rule.definition },
      { catalog: probe, permissions: { pii: true }, asOf: catalog.as_of },
    );
    if (!check.ok)
      throw new SmartsegError(
        ErrorCode.InvalidSegment,
        `The rule's definition is not a valid segment`,
        check.problems.map((p) => ({ ...p, path: `definition${p.path.slice('where'.length)}` })),
      );
    const existed = others.length !== catalog.rules.length;
    return this.save(
      tenantId,
      { ...catalog, rules: [...others, rule] },
      actor,
      existed ? 'rule.update' : 'rule.create',
      rule.id,
      { rule },
    );
  }

  async deleteRule(tenantId: string, ruleId: string, actor: string): Promise<Catalog> {
    const catalog = await this.get(tenantId);
    if (!catalog.rules.some((r) => r.id === ruleId))
      throw new SmartsegError(ErrorCode.NotFound, `No business rule '${ruleId}'`);
    return this.save(
      tenantId,
      { ...catalog, rules: catalog.rules.filter((r) => r.id !== ruleId) },
      actor,
      'rule.delete',
      ruleId,
      {},
    );
  }

  /** Edits a facet's words (label, description, synonyms); its source and PII flag are not editable here. */
  async patchFacet(
    tenantId: string,
    name: string,
    patch: Partial<Pick<FacetDef, 'label' | 'description' | 'synonyms'>>,
    actor: string,
  ): Promise<Catalog> {
    const catalog = await this.get(tenantId);
    const facet = catalog.facets.find((f) => f.name === name);
    if (!facet) throw new SmartsegError(ErrorCode.NotFound, `No facet '${name}'`);
    const updated: FacetDef = {
      ...facet,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    return this.save(
      tenantId,
      { ...catalog, facets: catalog.facets.map((f) => (f.name === name ? updated : f)) },
      actor,
      'facet.update',
      name,
      { patch },
    );
  }
}
