import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { isMaskedKey, maskKey, maskTenantModelSettings, type ModelRouter } from '@smartseg/model-router';
import type { TenantModelSettingsRecord, TenantSettings } from '@smartseg/tenant-config';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A tenant's `settings.model` as an admin sends it, checked with the router's own validator before
 * it is stored. A key sent back masked (as GET shows it) keeps the stored key it masks. A bad
 * setting is a 400 BAD_INPUT naming the field (`settings.model.tiers.standard[0].model`); a key's
 * value is never part of a message. `null` (remove the settings) passes through.
 */
export function checkTenantModelSettings(
  router: ModelRouter,
  tenantId: string,
  model: unknown,
  previous?: TenantModelSettingsRecord,
): TenantModelSettingsRecord | null | undefined {
  if (model === undefined || model === null) return model;
  const input = restoreMaskedKeys(model, previous);
  try {
    return router.validateTenantSettings(tenantId, input, 'settings.model') as TenantModelSettingsRecord;
  } catch (err) {
    if (!(err instanceof SmartsegError) || err.code !== ErrorCode.ConfigInvalid) throw err;
    const d = isObj(err.details) ? err.details : {};
    const path = typeof d.setting === 'string' ? d.setting : 'settings.model';
    const problem = typeof d.problem === 'string' ? d.problem : 'is invalid';
    throw new SmartsegError(ErrorCode.BadInput, `Invalid model settings: ${path} ${problem}`, [
      { path, message: problem, code: 'MODEL_SETTINGS_INVALID' },
    ]);
  }
}

/** `providers.<id>.apiKey` sent as the mask of the stored key -> the stored key. */
function restoreMaskedKeys(model: unknown, previous?: TenantModelSettingsRecord): unknown {
  if (!isObj(model) || !isObj(model.providers)) return model;
  const providers: Record<string, unknown> = {};
  for (const [id, p] of Object.entries(model.providers)) {
    const stored = previous?.providers?.[id]?.apiKey;
    providers[id] =
      isObj(p) && isMaskedKey(p.apiKey) && stored !== undefined && maskKey(stored) === p.apiKey
        ? { ...p, apiKey: stored }
        : p;
  }
  return { ...model, providers };
}

/** Tenant settings as shown by the admin API: model provider keys masked. */
export function maskTenantSettings(settings: TenantSettings): TenantSettings {
  return settings.model ? { ...settings, model: maskTenantModelSettings(settings.model) } : settings;
}

/** An audit entry's details as shown: a configure entry's `settings.model` keys masked. */
export function maskAuditDetails<T extends { details: Record<string, unknown> | null }>(entry: T): T {
  const d = entry.details;
  if (!d || !isObj(d.settings) || !isObj(d.settings.model)) return entry;
  return { ...entry, details: { ...d, settings: { ...d.settings, model: maskTenantModelSettings(d.settings.model) } } };
}
