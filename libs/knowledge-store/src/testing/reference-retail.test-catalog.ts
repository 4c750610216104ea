import type { Catalog } from '@smartseg/segment-engine';
import { buildCatalog } from '../catalog/catalog-builder';
import type { CatalogFacts } from '../catalog/catalog-definition.model';
import { REFERENCE_RETAIL_DEFINITION, US_STATE_NAMES } from '../reference-retail/reference-retail.definition';

/**
 * The reference tenant's catalog without a warehouse: the spec's taxonomy and value domains
 * (section 1), counts unknown. For unit tests of rooms that read a catalog; the product
 * itself builds its catalog from the warehouse.
 */
export const SPEC_TAXONOMY: Readonly<Record<string, { categories: string[]; brands: string[] }>> = {
  Electronics: {
    categories: [
      'TVs',
      'Laptops',
      'Tablets',
      'Smartphones',
      'Headphones',
      'Cameras',
      'Video Games',
      'Smart Home',
      'Wearables',
    ],
    brands: [
      'Samsung',
      'Apple',
      'Sony',
      'LG',
      'HP',
      'Dell',
      'Lenovo',
      'Bose',
      'Nintendo',
      'Microsoft',
      'Canon',
      'Google',
    ],
  },
  Grocery: {
    categories: [
      'Fresh Produce',
      'Dairy & Eggs',
      'Meat & Seafood',
      'Bakery',
      'Snacks',
      'Beverages',
      'Frozen Foods',
      'Pantry',
      'Coffee & Tea',
      'Wine & Beer',
    ],
    brands: [
      'Organic Valley',
      'Chobani',
      'Coca-Cola',
      'Pepsi',
      'Doritos',
      'Starbucks',
      'Tyson',
      "Kellogg's",
      "Ben & Jerry's",
      'Barefoot',
      'Acme Select',
    ],
  },
  Baby: {
    categories: ['Diapers', 'Baby Formula', 'Baby Food', 'Strollers & Car Seats', 'Nursery', 'Baby Clothing'],
    brands: ['Pampers', 'Huggies', 'Similac', 'Enfamil', 'Gerber', 'Graco', "Carter's", 'Acme Select'],
  },
  Home: {
    categories: [
      'Furniture',
      'Bedding',
      'Kitchen & Dining',
      'Home Decor',
      'Appliances',
      'Cleaning Supplies',
      'Storage',
    ],
    brands: ['KitchenAid', 'Cuisinart', 'Dyson', 'Keurig', 'Ninja', 'Tide', 'Clorox', 'Acme Select'],
  },
  Apparel: {
    categories: ["Women's Clothing", "Men's Clothing", "Kids' Clothing", 'Shoes', 'Activewear', 'Accessories'],
    brands: ['Nike', 'Adidas', "Levi's", 'Under Armour', 'Hanes', 'Champion', 'Carhartt'],
  },
  Beauty: {
    categories: ['Skincare', 'Makeup', 'Hair Care', 'Fragrance', 'Bath & Body'],
    brands: ["L'Oreal", 'Maybelline', 'Neutrogena', 'CeraVe', 'Olay', 'Dove', 'Pantene'],
  },
  Pets: {
    categories: ['Dog Food', 'Cat Food', 'Pet Supplies', 'Pet Treats', 'Aquarium'],
    brands: ['Purina', 'Pedigree', 'Blue Buffalo', 'Friskies', "Hill's", 'Acme Select'],
  },
  Toys: {
    categories: ['Building Sets', 'Dolls', 'Action Figures', 'Board Games', 'Outdoor Play'],
    brands: ['Lego', 'Mattel', 'Hasbro', 'Hot Wheels', 'Fisher-Price'],
  },
  'Sports & Outdoors': {
    categories: ['Fitness Equipment', 'Camping', 'Cycling', 'Team Sports', 'Fishing'],
    brands: ['Coleman', 'Yeti', 'Schwinn', 'Wilson', 'Spalding'],
  },
  'Health & Wellness': {
    categories: ['Vitamins & Supplements', 'Pharmacy', 'Personal Care', 'First Aid'],
    brands: ['Nature Made', 'Centrum', 'Tylenol', 'Advil', 'Band-Aid', 'Acme Select'],
  },
  Automotive: {
    categories: ['Car Care', 'Tires', 'Auto Parts', 'Car Electronics'],
    brands: ['Michelin', 'Goodyear', 'Armor All', 'Bosch'],
  },
  Garden: {
    categories: ['Plants & Seeds', 'Patio Furniture', 'Grills', 'Lawn Care'],
    brands: ['Scotts', 'Miracle-Gro', 'Weber', 'Char-Broil'],
  },
  Office: {
    categories: ['School Supplies', 'Office Supplies', 'Printers & Ink'],
    brands: ['Crayola', 'Sharpie', 'Epson', 'Post-it', 'Acme Select'],
  },
  'Books & Media': { categories: ['Books', 'Movies', 'Music'], brands: ['Penguin', 'Disney'] },
  Jewelry: { categories: ['Rings', 'Necklaces', 'Watches', 'Earrings'], brands: ['Pandora', 'Fossil', 'Timex'] },
};

const enumValues = (values: (string | boolean)[]) => values.map((value) => ({ value, count: 0 }));

export function specFacts(asOf = '2026-06-30'): CatalogFacts {
  const brandDepartments = new Map<string, string[]>();
  for (const [dept, { brands }] of Object.entries(SPEC_TAXONOMY)) {
    for (const b of brands) brandDepartments.set(b, [...(brandDepartments.get(b) ?? []), dept]);
  }
  return {
    as_of: asOf,
    facetValues: {
      gender: enumValues(['female', 'male', 'nonbinary', 'unknown']),
      state: enumValues(Object.keys(US_STATE_NAMES)),
      region: enumValues(['northeast', 'southeast', 'midwest', 'southwest', 'west']),
      signup_channel: enumValues(['store', 'web', 'app', 'social', 'referral']),
      loyalty_tier: enumValues(['none', 'silver', 'gold', 'platinum']),
      income_band: enumValues(['under_25k', '25k_50k', '50k_100k', '100k_150k', '150k_plus']),
      device_os: enumValues(['ios', 'android', 'none']),
      email_opt_in: enumValues([true, false]),
      sms_opt_in: enumValues([true, false]),
      push_opt_in: enumValues([true, false]),
      has_children: enumValues([true, false]),
      is_employee: enumValues([true, false]),
      city: enumValues([
        'New York',
        'Brooklyn',
        'Buffalo',
        'Los Angeles',
        'San Francisco',
        'San Diego',
        'San Jose',
        'Sacramento',
        'Chicago',
        'Houston',
        'Dallas',
        'Austin',
        'San Antonio',
        'Phoenix',
        'Tucson',
        'Philadelphia',
        'Pittsburgh',
        'Seattle',
        'Spokane',
        'Portland',
        'Denver',
        'Boston',
        'Miami',
        'Orlando',
        'Tampa',
        'Jacksonville',
        'Atlanta',
        'Charlotte',
        'Raleigh',
        'Nashville',
        'Memphis',
        'Detroit',
        'Minneapolis',
        'Columbus',
        'Cleveland',
        'Indianapolis',
        'Milwaukee',
        'Kansas City',
        'St. Louis',
        'Las Vegas',
        'Salt Lake City',
        'Albuquerque',
        'New Orleans',
        'Baltimore',
        'Washington',
        'Richmond',
        'Newark',
        'Omaha',
        'Oklahoma City',
        'Louisville',
        'Birmingham',
        'Honolulu',
        'Anchorage',
        'Boise',
      ]),
    },
    numericRanges: {
      age: { min: 18, max: 90 },
      birth_month: { min: 1, max: 12 },
      loyalty_points: { min: 0, max: 50000 },
      household_size: { min: 1, max: 8 },
      days_since_last_purchase: { min: 0, max: 730 },
      days_since_first_purchase: { min: 0, max: 730 },
      days_since_signup: { min: 0, max: 3650 },
    },
    departments: Object.entries(SPEC_TAXONOMY).map(([name, { categories }]) => ({ name, categories })),
    brands: [...brandDepartments.entries()].map(([name, departments]) => ({ name, departments })),
    // a few of the generator's stores (ids as it numbers them)
    stores: [
      { id: 14, name: 'Acme Supercenter Denver', city: 'Denver', state: 'CO', format: 'supercenter' },
      { id: 47, name: 'Acme Supercenter Columbus', city: 'Columbus', state: 'OH', format: 'supercenter' },
      { id: 48, name: 'Acme Supercenter Cleveland', city: 'Cleveland', state: 'OH', format: 'supercenter' },
      { id: 65, name: 'Acme Market Seattle', city: 'Seattle', state: 'WA', format: 'neighborhood' },
      { id: 68, name: 'Acme Online', city: 'Bentonville', state: 'AR', format: 'online' },
    ],
  };
}

/** The reference tenant's catalog built from the spec alone (no counts). */
export function referenceRetailTestCatalog(asOf = '2026-06-30'): Catalog {
  return buildCatalog(REFERENCE_RETAIL_DEFINITION, specFacts(asOf));
}
