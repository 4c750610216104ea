import type { OrderFilter, PurchaseMeasure, Scalar } from '@smartseg/segment-engine';

/**
 * What a tagged stretch of words can mean. Catalog senses come from the tenant's catalog;
 * grammar senses are the engine's own knowledge of English and of commerce.
 */
export type ItemField = 'department' | 'category' | 'brand';

export type VerbClass = 'purchase' | 'spend' | 'return' | 'state' | 'have' | 'event';

export type Sense =
  // catalog
  | { t: 'value'; facet: string; value: Scalar; via: 'value' | 'label' | 'synonym' | 'derived' }
  | { t: 'facet'; facet: string }
  | { t: 'rule'; rule: string }
  | { t: 'item'; field: ItemField; value: string }
  | { t: 'flag'; flag: 'private_label' | 'organic' }
  | { t: 'event'; event: string }
  | { t: 'model'; model: string }
  | { t: 'amb'; id: string }
  // grammar
  | { t: 'verb'; cls: VerbClass; lemma: string }
  | { t: 'bnoun'; cls: 'purchase' | 'spend' | 'return' | 'event'; lemma: string }
  | { t: 'measure'; measure: PurchaseMeasure; lifetime?: boolean }
  | { t: 'order'; filter: OrderFilter; channelWord?: 'app' | 'web' }
  | { t: 'ecue'; stem: string }
  | { t: 'neg'; word: string }
  | { t: 'conj'; c: 'and' | 'or' | 'nor'; union?: true; inner?: true; line?: true }
  | { t: 'but' }
  | { t: 'rel' }
  | { t: 'excl' }
  | { t: 'either' }
  | { t: 'neither' }
  | { t: 'with' }
  | { t: 'without' }
  | { t: 'subj'; buyer?: boolean }
  | { t: 'level'; level: 'high' | 'medium' | 'low' }
  | { t: 'decile' }
  | { t: 'bday' }
  | { t: 'prep'; p: string }
  | { t: 'aux' }
  | { t: 'only' }
  | { t: 'filler' }
  | { t: 'stop' }
  | { t: 'def' }
  | { t: 'any' }
  | { t: 'times' }
  | { t: 'ago' }
  | { t: 'purpose' }
  /** A generation: people born in these years ("millennials", "gen z"). */
  | { t: 'generation'; from: number; to: number }
  /** Words naming data the engine knows to be outside a typical catalog ("Apple Pay"). */
  | { t: 'unsupported' }
  | { t: 'inject' }
  /** A facet named by its structural role (age, recency, first purchase, sign-up date). */
  | { t: 'role'; role: 'age' | 'recency' | 'firstPurchase' | 'tenure' | 'signupDate' | 'birthMonth' }
  /** Subscription words: "opted in" (true), "unsubscribed", "turned off" (false). */
  | { t: 'optin'; value: boolean }
  /** Words that only make sense next to a model ("score", "model", "probability"). */
  | { t: 'modelword' }
  /** Item-kind words: "department", "category", "brand", "gear". */
  | { t: 'itemword' }
  /** One or more of the tenant's stores ("Acme Supercenter Denver", "store 14", "our Denver stores"). */
  | { t: 'store'; ids: number[] };

export type SenseType = Sense['t'];

export const CATALOG_SENSES: ReadonlySet<SenseType> = new Set([
  'value',
  'facet',
  'rule',
  'item',
  'flag',
  'event',
  'model',
  'store',
]);
