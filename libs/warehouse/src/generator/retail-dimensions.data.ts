import {
  PRIVATE_LABEL_BRAND,
  RETAIL_TAXONOMY,
  RETAILER_NAME,
  US_CITIES,
  US_STATES,
  type Region,
  type StoreFormat,
} from './retail-taxonomy.data';

/** One row of the products table. */
export interface RetailProduct {
  product_id: number;
  name: string;
  department: string;
  category: string;
  brand: string;
  unit_price: number;
  is_private_label: boolean;
  is_organic: boolean;
}

/** One row of the stores table (the online store has no city, state or region). */
export interface RetailStore {
  store_id: number;
  name: string;
  city: string | null;
  state: string | null;
  region: Region | null;
  format: StoreFormat;
}

/** store_id of the one 'online' store. */
export const ONLINE_STORE_ID = 1;

/** A shelf price: whole dollars minus a cent above $10, dimes minus a cent below. */
function shelfPrice(p: number): number {
  const cents = p >= 10 ? Math.round(p) * 100 - 1 : Math.round(p * 10) * 10 - 1;
  return Math.max(99, cents) / 100;
}

/**
 * The products table: one product per (item, brand) of the taxonomy, ids in taxonomy order.
 * The first brand sells at the list price; national brands after it vary a little; the
 * private label sells about 25% under the list price when a national brand sells the item too.
 */
export function buildRetailProducts(): RetailProduct[] {
  const out: RetailProduct[] = [];
  let id = 1;
  for (const dept of RETAIL_TAXONOMY) {
    for (const cat of dept.categories) {
      for (const item of cat.items) {
        item.brands.forEach((brand, j) => {
          const isPl = brand === PRIVATE_LABEL_BRAND;
          const alone = item.brands.length === 1;
          const factor = isPl && !alone ? 0.74 : j === 0 ? 1 : 0.93 + 0.06 * (j % 3);
          const unitPrice = factor === 1 ? item.price : shelfPrice(item.price * factor);
          out.push({
            product_id: id++,
            name: `${brand} ${item.name}`,
            department: dept.name,
            category: cat.name,
            brand,
            unit_price: unitPrice,
            is_private_label: isPl,
            is_organic: item.organic === true,
          });
        });
      }
    }
  }
  return out;
}

/** Dense downtowns get small-format stores. */
const NEIGHBORHOOD_CITIES = new Set(['New York', 'Brooklyn', 'San Francisco', 'Boston', 'Washington', 'Seattle']);
const BRANCH_SUFFIXES = ['', ' North', ' South', ' East', ' West'];

/** The stores table: the online store (id 1), then the physical stores in the spec's cities. */
export function buildRetailStores(): RetailStore[] {
  const regionOf = new Map(US_STATES.map((s) => [s.code, s.region]));
  const out: RetailStore[] = [
    { store_id: ONLINE_STORE_ID, name: `${RETAILER_NAME}.com`, city: null, state: null, region: null, format: 'online' },
  ];
  let id = ONLINE_STORE_ID + 1;
  for (const c of US_CITIES) {
    for (let k = 0; k < c.stores; k++) {
      const format: StoreFormat = NEIGHBORHOOD_CITIES.has(c.city) || k % 2 === 1 ? 'neighborhood' : 'supercenter';
      const label = format === 'supercenter' ? 'Supercenter' : 'Market';
      const suffix = c.stores > 1 ? (BRANCH_SUFFIXES[k] ?? ` ${k + 1}`) || ' Downtown' : '';
      out.push({
        store_id: id++,
        name: `${RETAILER_NAME} ${label} ${c.city}${suffix}`,
        city: c.city,
        state: c.state,
        region: regionOf.get(c.state) ?? null,
        format,
      });
    }
  }
  return out;
}
