import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import type { Catalog } from '@smartseg/segment-engine';
import { UnderstandingEngine } from '../engine/understanding-engine';
import type { UnderstandContext } from '../engine/understanding-engine';

/** Shared test fixtures: the reference tenant's catalog and one engine over it. */
export const AS_OF = '2026-06-30';

let catalog: Catalog | undefined;
let engine: UnderstandingEngine | undefined;

export function testCatalog(): Catalog {
  catalog ??= referenceRetailTestCatalog(AS_OF);
  return catalog;
}

export function testEngine(): UnderstandingEngine {
  engine ??= new UnderstandingEngine(testCatalog());
  return engine;
}

export const CTX: UnderstandContext = { asOf: AS_OF, permissions: { pii: false } };
