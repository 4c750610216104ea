/**
 * The reference retail tenant's fixed vocabulary (spec: reference-retail.md, section 1).
 * Everything here is a contract: the generator writes these exact spellings and other
 * libraries build the tenant's catalog from them. Extend freely; never rename.
 */

// ---------------------------------------------------------------------------------------
// Column value domains
// ---------------------------------------------------------------------------------------

export const GENDERS = ['female', 'male', 'nonbinary', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const REGIONS = ['northeast', 'southeast', 'midwest', 'southwest', 'west'] as const;
export type Region = (typeof REGIONS)[number];

export const SIGNUP_CHANNELS = ['store', 'web', 'app', 'social', 'referral'] as const;
export type SignupChannel = (typeof SIGNUP_CHANNELS)[number];

export const LOYALTY_TIERS = ['none', 'silver', 'gold', 'platinum'] as const;
export type LoyaltyTier = (typeof LOYALTY_TIERS)[number];

export const INCOME_BANDS = ['under_25k', '25k_50k', '50k_100k', '100k_150k', '150k_plus'] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];

export const DEVICE_OS = ['ios', 'android', 'none'] as const;
export type DeviceOs = (typeof DEVICE_OS)[number];

export const STORE_FORMATS = ['supercenter', 'neighborhood', 'online'] as const;
export type StoreFormat = (typeof STORE_FORMATS)[number];

export const ORDER_CHANNELS = ['store', 'web', 'app'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export const FULFILLMENTS = ['in_store', 'pickup', 'delivery', 'ship'] as const;
export type Fulfillment = (typeof FULFILLMENTS)[number];

export const PAYMENT_METHODS = ['credit_card', 'debit_card', 'cash', 'paypal', 'gift_card', 'ebt'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ORDER_STATUSES = ['completed', 'returned', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Event types, exact (spec section 1). */
export const EVENT_TYPES = [
  'email_sent',
  'email_open',
  'email_click',
  'sms_sent',
  'sms_click',
  'push_sent',
  'push_open',
  'web_visit',
  'app_open',
  'product_view',
  'add_to_cart',
  'cart_abandon',
  'search',
  'review',
  'unsubscribe',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Event types whose rows carry a product_id. */
export const PRODUCT_EVENT_TYPES: readonly EventType[] = ['product_view', 'add_to_cart', 'cart_abandon', 'review'];
/** Event types whose rows carry a campaign_id (a message sent, opened or clicked). */
export const CAMPAIGN_EVENT_TYPES: readonly EventType[] = [
  'email_sent',
  'email_open',
  'email_click',
  'sms_sent',
  'sms_click',
  'push_sent',
  'push_open',
];

/** Model names, exact, with what the score means. */
export const MODEL_NAMES = [
  'churn_risk',
  'purchase_propensity_30d',
  'predicted_clv_12m',
  'discount_sensitivity',
  'email_engagement',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface ModelSpec {
  name: ModelName;
  unit: 'probability' | 'dollars' | 'index';
  description: string;
}

export const MODELS: readonly ModelSpec[] = [
  { name: 'churn_risk', unit: 'probability', description: 'probability (0-1) that the customer stops buying' },
  { name: 'purchase_propensity_30d', unit: 'probability', description: 'probability (0-1) of a purchase in the next 30 days' },
  { name: 'predicted_clv_12m', unit: 'dollars', description: 'predicted spend over the next 12 months, in dollars' },
  { name: 'discount_sensitivity', unit: 'index', description: 'how strongly discounts drive purchases (0-1)' },
  { name: 'email_engagement', unit: 'index', description: 'likelihood to open and click emails (0-1)' },
];

// ---------------------------------------------------------------------------------------
// Product taxonomy
// ---------------------------------------------------------------------------------------

/** The private label (is_private_label = true), sold only in PRIVATE_LABEL_DEPARTMENTS. */
export const PRIVATE_LABEL_BRAND = 'Acme Select';
export const PRIVATE_LABEL_DEPARTMENTS = ['Grocery', 'Home', 'Baby', 'Pets', 'Health & Wellness', 'Office'] as const;
/** The retailer's own name (store names, the online store). */
export const RETAILER_NAME = 'Acme';

/** One sellable item type; one product per brand that sells it. */
export interface RetailItemSpec {
  /** Item name without the brand ("Greek Yogurt, Plain, 32 oz"); the product is "<brand> <name>". */
  name: string;
  /** List price in dollars for the first brand; later brands vary a little. */
  price: number;
  brands: readonly string[];
  /** Organic (only some Grocery and Baby Food items). */
  organic?: boolean;
}

export interface RetailCategorySpec {
  name: string;
  items: readonly RetailItemSpec[];
}

export interface RetailDepartmentSpec {
  name: string;
  categories: readonly RetailCategorySpec[];
  /** The spec's brands for this department ("at least" these; items may add more). */
  brands: readonly string[];
}

type ItemTuple = readonly [name: string, price: number, brands: readonly string[], organic?: 'organic'];

function items(...tuples: readonly ItemTuple[]): RetailItemSpec[] {
  return tuples.map(([name, price, brands, organic]) =>
    organic ? { name, price, brands, organic: true } : { name, price, brands },
  );
}

const A = PRIVATE_LABEL_BRAND;

export const RETAIL_TAXONOMY: readonly RetailDepartmentSpec[] = [
  {
    name: 'Electronics',
    brands: ['Samsung', 'Apple', 'Sony', 'LG', 'HP', 'Dell', 'Lenovo', 'Bose', 'Nintendo', 'Microsoft', 'Canon', 'Google'],
    categories: [
      {
        name: 'TVs',
        items: items(
          ['65" QLED 4K Smart TV', 899.99, ['Samsung']],
          ['55" Crystal UHD 4K Smart TV', 449.99, ['Samsung']],
          ['65" OLED evo 4K Smart TV', 1499.99, ['LG']],
          ['50" UHD 4K Smart TV', 379.99, ['LG']],
          ['75" BRAVIA 4K Google TV', 1299.99, ['Sony']],
          ['55" BRAVIA 4K Google TV', 699.99, ['Sony']],
        ),
      },
      {
        name: 'Laptops',
        items: items(
          ['MacBook Air 13" M3', 1099.0, ['Apple']],
          ['MacBook Pro 14"', 1599.0, ['Apple']],
          ['Pavilion 15" Laptop', 649.99, ['HP']],
          ['Envy x360 2-in-1 Laptop', 899.99, ['HP']],
          ['XPS 13 Laptop', 1199.99, ['Dell']],
          ['Inspiron 15 Laptop', 549.99, ['Dell']],
          ['ThinkPad E14 Laptop', 799.99, ['Lenovo']],
          ['IdeaPad Slim 5 Laptop', 629.99, ['Lenovo']],
          ['Surface Laptop 7', 999.99, ['Microsoft']],
          ['Galaxy Book4 Laptop', 749.99, ['Samsung']],
          ['gram 16" Laptop', 1099.99, ['LG']],
        ),
      },
      {
        name: 'Tablets',
        items: items(
          ['iPad 10.9"', 349.0, ['Apple']],
          ['iPad Air 11"', 599.0, ['Apple']],
          ['Galaxy Tab S9 FE', 449.99, ['Samsung']],
          ['Galaxy Tab A9+', 219.99, ['Samsung']],
          ['Tab M10 Plus', 139.99, ['Lenovo']],
          ['Surface Pro 11', 999.99, ['Microsoft']],
        ),
      },
      {
        name: 'Smartphones',
        items: items(
          ['iPhone 16 128GB', 799.0, ['Apple']],
          ['iPhone 16 Pro 256GB', 1099.0, ['Apple']],
          ['Galaxy S25 128GB', 799.99, ['Samsung']],
          ['Galaxy A35 5G', 399.99, ['Samsung']],
          ['Pixel 9', 799.0, ['Google']],
          ['Pixel 8a', 499.0, ['Google']],
        ),
      },
      {
        name: 'Headphones',
        items: items(
          ['QuietComfort Ultra Headphones', 429.0, ['Bose']],
          ['QuietComfort Earbuds', 279.0, ['Bose']],
          ['WH-1000XM5 Noise Canceling Headphones', 399.99, ['Sony']],
          ['WF-C700N Wireless Earbuds', 119.99, ['Sony']],
          ['AirPods Pro 2', 249.0, ['Apple']],
          ['AirPods 4', 129.0, ['Apple']],
          ['Galaxy Buds3', 179.99, ['Samsung']],
        ),
      },
      {
        name: 'Cameras',
        items: items(
          ['EOS R50 Mirrorless Camera Kit', 799.99, ['Canon']],
          ['PowerShot V10 Vlog Camera', 429.0, ['Canon']],
          ['EOS Rebel T7 DSLR Kit', 479.99, ['Canon']],
          ['Alpha a6400 Mirrorless Camera', 899.99, ['Sony']],
          ['ZV-1F Vlog Camera', 499.99, ['Sony']],
        ),
      },
      {
        name: 'Video Games',
        items: items(
          ['Switch OLED Console', 349.99, ['Nintendo']],
          ['Mario Kart 8 Deluxe', 59.99, ['Nintendo']],
          ['The Legend of Zelda: Tears of the Kingdom', 69.99, ['Nintendo']],
          ['PlayStation 5 Console', 499.99, ['Sony']],
          ['DualSense Wireless Controller', 69.99, ['Sony']],
          ['Xbox Series X Console', 499.99, ['Microsoft']],
          ['Xbox Wireless Controller', 59.99, ['Microsoft']],
        ),
      },
      {
        name: 'Smart Home',
        items: items(
          ['Nest Mini Smart Speaker', 49.0, ['Google']],
          ['Nest Learning Thermostat', 279.99, ['Google']],
          ['Nest Cam Indoor', 99.99, ['Google']],
          ['HomePod mini', 99.0, ['Apple']],
          ['SmartThings Station', 59.99, ['Samsung']],
          ['Smart Soundbar', 499.0, ['Bose']],
        ),
      },
      {
        name: 'Wearables',
        items: items(
          ['Watch Series 10', 399.0, ['Apple']],
          ['Watch SE', 249.0, ['Apple']],
          ['Galaxy Watch7', 299.99, ['Samsung']],
          ['Pixel Watch 3', 349.99, ['Google']],
          ['Fitbit Charge 6', 159.95, ['Google']],
        ),
      },
    ],
  },
  {
    name: 'Grocery',
    brands: ['Organic Valley', 'Chobani', 'Coca-Cola', 'Pepsi', 'Doritos', 'Starbucks', 'Tyson', "Kellogg's", "Ben & Jerry's", 'Barefoot'],
    categories: [
      {
        name: 'Fresh Produce',
        items: items(
          ['Bananas, 3 lb', 1.79, ['Dole', A]],
          ['Organic Bananas, 3 lb', 2.49, ['Dole', A], 'organic'],
          ['Organic Baby Spinach, 5 oz', 3.99, ['Earthbound Farm', A], 'organic'],
          ['Strawberries, 1 lb', 3.99, ["Driscoll's"]],
          ['Organic Strawberries, 1 lb', 5.49, ["Driscoll's"], 'organic'],
          ['Hass Avocados, 4 ct', 4.99, [A]],
          ['Organic Gala Apples, 3 lb', 5.99, [A], 'organic'],
          ['Romaine Hearts, 3 ct', 3.49, ['Taylor Farms', A]],
          ['Organic Carrots, 2 lb', 2.49, ['Earthbound Farm'], 'organic'],
          ['Yellow Onions, 3 lb', 3.29, [A]],
        ),
      },
      {
        name: 'Dairy & Eggs',
        items: items(
          ['Organic Whole Milk, 1 gal', 6.49, ['Organic Valley', 'Horizon Organic'], 'organic'],
          ['2% Reduced Fat Milk, 1 gal', 3.79, [A]],
          ['Organic Large Brown Eggs, 12 ct', 6.99, ['Organic Valley', A], 'organic'],
          ['Large White Eggs, 12 ct', 3.29, [A]],
          ['Greek Yogurt, Plain, 32 oz', 6.49, ['Chobani', A]],
          ['Greek Yogurt Variety Pack, 12 ct', 11.99, ['Chobani']],
          ['Oatmilk Coffee Creamer, 24 oz', 5.49, ['Chobani']],
          ['Sharp Cheddar Cheese, 8 oz', 3.99, ['Tillamook', A]],
          ['Organic Salted Butter, 1 lb', 7.49, ['Organic Valley'], 'organic'],
        ),
      },
      {
        name: 'Meat & Seafood',
        items: items(
          ['Boneless Skinless Chicken Breasts, 2.5 lb', 9.99, ['Tyson', 'Perdue', A]],
          ['Chicken Thighs, 3 lb', 7.49, ['Tyson', 'Perdue']],
          ['80/20 Ground Beef, 1 lb', 5.99, [A]],
          ['Organic Grass-Fed Ground Beef, 1 lb', 8.99, [A], 'organic'],
          ['Atlantic Salmon Fillets, 1 lb', 11.99, [A]],
          ['Uncured Bacon, 12 oz', 6.99, ['Applegate', 'Oscar Mayer']],
          ['Raw Jumbo Shrimp, 1 lb', 10.99, [A]],
        ),
      },
      {
        name: 'Bakery',
        items: items(
          ['100% Whole Wheat Bread, 20 oz', 3.49, ["Nature's Own", A]],
          ['Organic 21 Whole Grains and Seeds Bread', 6.49, ["Dave's Killer Bread"], 'organic'],
          ['Plain Bagels, 6 ct', 3.99, ["Thomas'", A]],
          ['Chocolate Chip Cookies, 12 ct', 4.49, [A]],
          ['Glazed Donuts, 8 ct', 4.99, ["Entenmann's"]],
          ['Butter Croissants, 4 ct', 4.99, [A]],
        ),
      },
      {
        name: 'Snacks',
        items: items(
          ['Nacho Cheese Tortilla Chips, 9.25 oz', 5.29, ['Doritos']],
          ['Cool Ranch Tortilla Chips, 9.25 oz', 5.29, ['Doritos']],
          ['Classic Potato Chips, 8 oz', 4.79, ["Lay's"]],
          ['Rice Krispies Treats, 16 ct', 5.49, ["Kellogg's"]],
          ['Pop-Tarts Frosted Strawberry, 8 ct', 3.99, ["Kellogg's"]],
          ['Chocolate Sandwich Cookies, 13 oz', 4.99, ['Oreo']],
          ['Organic Sea Salt Popcorn, 6 oz', 3.99, [A], 'organic'],
          ['Trail Mix, 26 oz', 6.99, [A]],
        ),
      },
      {
        name: 'Beverages',
        items: items(
          ['Classic Coke, 12-pack cans', 8.99, ['Coca-Cola']],
          ['Zero Sugar, 12-pack cans', 8.99, ['Coca-Cola']],
          ['Cola, 12-pack cans', 8.49, ['Pepsi']],
          ['Zero Sugar Cola, 12-pack cans', 8.49, ['Pepsi']],
          ['Thirst Quencher, 8-pack', 7.99, ['Gatorade']],
          ['Spring Water, 24-pack', 4.99, ['Poland Spring', A]],
          ['Organic Orange Juice, 52 oz', 5.49, [A], 'organic'],
          ['Sparkling Water, 8-pack', 4.49, ['LaCroix']],
        ),
      },
      {
        name: 'Frozen Foods',
        items: items(
          ['Chocolate Fudge Brownie Ice Cream, 1 pint', 5.99, ["Ben & Jerry's"]],
          ['Cherry Garcia Ice Cream, 1 pint', 5.99, ["Ben & Jerry's"]],
          ['Half Baked Ice Cream, 1 pint', 5.99, ["Ben & Jerry's"]],
          ['Crispy Chicken Nuggets, 32 oz', 10.99, ['Tyson']],
          ['Rising Crust Pepperoni Pizza', 7.99, ['DiGiorno']],
          ['Steamfresh Mixed Vegetables, 10.8 oz', 2.49, ['Birds Eye']],
          ['Organic Frozen Blueberries, 3 lb', 9.99, [A], 'organic'],
          ['Eggo Homestyle Waffles, 10 ct', 3.99, ["Kellogg's"]],
        ),
      },
      {
        name: 'Pantry',
        items: items(
          ['Frosted Flakes Cereal, 13.5 oz', 4.99, ["Kellogg's"]],
          ['Raisin Bran Cereal, 16.6 oz', 4.99, ["Kellogg's"]],
          ['Spaghetti, 16 oz', 1.99, ['Barilla', A]],
          ['Marinara Sauce, 24 oz', 3.49, ['Barilla', A]],
          ['Tomato Ketchup, 32 oz', 3.99, ['Heinz']],
          ['Chicken Noodle Soup, 10.75 oz', 1.79, ["Campbell's"]],
          ['Organic Extra Virgin Olive Oil, 25 oz', 12.99, [A], 'organic'],
          ['Creamy Peanut Butter, 40 oz', 5.99, ['Jif', A]],
          ['Long Grain White Rice, 5 lb', 5.49, [A]],
        ),
      },
      {
        name: 'Coffee & Tea',
        items: items(
          ['Pike Place Roast Ground Coffee, 12 oz', 10.99, ['Starbucks']],
          ['Veranda Blend K-Cup Pods, 22 ct', 16.99, ['Starbucks']],
          ['Cold Brew Coffee Concentrate, 32 oz', 8.99, ['Starbucks']],
          ['Classic Roast Ground Coffee, 30.5 oz', 12.99, ['Folgers']],
          ['Black Tea Bags, 100 ct', 5.49, ['Lipton']],
          ['Organic Green Tea, 40 ct', 4.99, [A], 'organic'],
          ['Colombian Ground Coffee, 24 oz', 9.99, [A]],
        ),
      },
      {
        name: 'Wine & Beer',
        items: items(
          ['Cabernet Sauvignon, 750 ml', 7.99, ['Barefoot']],
          ['Pinot Grigio, 750 ml', 7.99, ['Barefoot']],
          ['Moscato, 1.5 L', 11.99, ['Barefoot']],
          ['Shiraz, 750 ml', 8.99, ['Yellow Tail']],
          ['Lager, 12-pack bottles', 14.99, ['Budweiser']],
          ['Extra, 12-pack bottles', 17.99, ['Corona']],
        ),
      },
    ],
  },
  {
    name: 'Baby',
    brands: ['Pampers', 'Huggies', 'Similac', 'Enfamil', 'Gerber', 'Graco', "Carter's"],
    categories: [
      {
        name: 'Diapers',
        items: items(
          ['Swaddlers Diapers, Size 1, 84 ct', 29.99, ['Pampers']],
          ['Cruisers 360 Diapers, Size 4, 92 ct', 39.99, ['Pampers']],
          ['Little Snugglers Diapers, Size 2, 84 ct', 29.99, ['Huggies']],
          ['Little Movers Diapers, Size 5, 76 ct', 39.99, ['Huggies']],
          ['Sensitive Baby Wipes, 12 packs', 19.99, ['Pampers', 'Huggies', A]],
          ['Diapers, Size 3, 136 ct', 24.99, [A]],
        ),
      },
      {
        name: 'Baby Formula',
        items: items(
          ['360 Total Care Infant Formula, 30.8 oz', 49.99, ['Similac']],
          ['Pro-Advance Infant Formula, 30.8 oz', 44.99, ['Similac']],
          ['NeuroPro Infant Formula, 28.3 oz', 47.99, ['Enfamil']],
          ['Gentlease Infant Formula, 27.7 oz', 46.99, ['Enfamil']],
          ['Infant Formula, 35 oz', 24.99, [A]],
        ),
      },
      {
        name: 'Baby Food',
        items: items(
          ['Organic Apple Puree Pouches, 6 ct', 8.99, ['Gerber', A], 'organic'],
          ['Organic Oatmeal Baby Cereal, 8 oz', 4.49, ['Gerber'], 'organic'],
          ['Organic Veggie Pouches, 4 ct', 6.49, [A], 'organic'],
          ['2nd Foods Banana, 2-pack', 2.29, ['Gerber']],
          ['Puffs Cereal Snack, Strawberry Apple', 2.49, ['Gerber']],
          ["Lil' Crunchies, Mild Cheddar", 2.99, ['Gerber']],
        ),
      },
      {
        name: 'Strollers & Car Seats',
        items: items(
          ['4Ever DLX 4-in-1 Car Seat', 329.99, ['Graco']],
          ['SnugRide 35 Infant Car Seat', 199.99, ['Graco']],
          ['Modes Travel System Stroller', 349.99, ['Graco']],
          ['TraveLite Umbrella Stroller', 59.99, ['Graco']],
        ),
      },
      {
        name: 'Nursery',
        items: items(
          ['Benton 4-in-1 Convertible Crib', 229.99, ['Graco']],
          ["Pack 'n Play Playard", 99.99, ['Graco']],
          ['Crib Mattress', 89.99, [A]],
          ['Muslin Swaddle Blankets, 3-pack', 24.99, ["Carter's"]],
          ['Video Baby Monitor', 69.99, [A]],
        ),
      },
      {
        name: 'Baby Clothing',
        items: items(
          ['Baby 5-Pack Bodysuits', 19.99, ["Carter's"]],
          ['Sleep & Play Footed Pajamas', 14.99, ["Carter's"]],
          ['Toddler 2-Piece Outfit', 18.99, ["Carter's"]],
          ['Baby Onesies, 8-pack', 16.99, ['Gerber']],
        ),
      },
    ],
  },
  {
    name: 'Home',
    brands: ['KitchenAid', 'Cuisinart', 'Dyson', 'Keurig', 'Ninja', 'Tide', 'Clorox'],
    categories: [
      {
        name: 'Furniture',
        items: items(
          ['3-Seat Fabric Sofa', 599.99, [A]],
          ['Upholstered Accent Chair', 129.99, [A]],
          ['5-Shelf Bookcase', 89.99, ['Sauder']],
          ['Computer Desk', 149.99, ['Sauder']],
          ['Queen Upholstered Bed Frame', 349.99, ['Ashley']],
        ),
      },
      {
        name: 'Bedding',
        items: items(
          ['Queen Sheet Set, 400 Thread Count', 49.99, [A]],
          ['Down Alternative Comforter, Queen', 59.99, [A]],
          ['Memory Foam Pillow, 2-pack', 39.99, ['Casper', A]],
          ['Weighted Blanket, 15 lb', 69.99, [A]],
        ),
      },
      {
        name: 'Kitchen & Dining',
        items: items(
          ['Artisan 5-Qt Stand Mixer', 449.99, ['KitchenAid']],
          ['5-Speed Hand Mixer', 59.99, ['KitchenAid']],
          ['14-Cup Food Processor', 199.99, ['Cuisinart']],
          ['12-Piece Stainless Cookware Set', 249.99, ['Cuisinart']],
          ['Nonstick Fry Pan Set, 3-piece', 39.99, [A]],
          ['16-Piece Dinnerware Set', 49.99, [A]],
        ),
      },
      {
        name: 'Home Decor',
        items: items(
          ['Large Jar Candle, Clean Cotton', 29.99, ['Yankee Candle']],
          ['Throw Pillow Covers, 2-pack', 19.99, [A]],
          ['Framed Wall Art, 24x36', 39.99, [A]],
          ['Area Rug, 5x7', 89.99, [A]],
          ['Ceramic Table Lamp', 34.99, [A]],
        ),
      },
      {
        name: 'Appliances',
        items: items(
          ['V15 Detect Cordless Vacuum', 749.99, ['Dyson']],
          ['V8 Cordless Vacuum', 399.99, ['Dyson']],
          ['Purifier Cool Fan', 549.99, ['Dyson']],
          ['K-Supreme Single Serve Coffee Maker', 149.99, ['Keurig']],
          ['K-Mini Single Serve Coffee Maker', 79.99, ['Keurig']],
          ['Air Fryer XL, 5.5 Qt', 119.99, ['Ninja']],
          ['Professional Blender', 99.99, ['Ninja']],
          ['Foodi 8-in-1 Pressure Cooker', 179.99, ['Ninja']],
          ['Toaster Oven Air Fryer', 129.99, ['Cuisinart']],
        ),
      },
      {
        name: 'Cleaning Supplies',
        items: items(
          ['Original Liquid Laundry Detergent, 92 oz', 13.99, ['Tide']],
          ['PODS Laundry Detergent, 81 ct', 24.99, ['Tide']],
          ['Disinfecting Wipes, 3-pack', 6.49, ['Clorox', A]],
          ['Regular Bleach, 121 oz', 5.49, ['Clorox']],
          ['All-Purpose Cleaner, 32 oz', 3.99, [A]],
          ['Paper Towels, 6 rolls', 9.99, [A]],
          ['Dish Soap, 28 oz', 3.49, ['Dawn', A]],
        ),
      },
      {
        name: 'Storage',
        items: items(
          ['Food Storage Containers, 24-piece', 19.99, ['Rubbermaid', A]],
          ['Clear Storage Bins, 6-pack', 34.99, [A]],
          ['Closet Organizer System', 59.99, [A]],
          ['Roughneck Tote, 18 gal', 12.99, ['Rubbermaid']],
        ),
      },
    ],
  },
  {
    name: 'Apparel',
    brands: ['Nike', 'Adidas', "Levi's", 'Under Armour', 'Hanes', 'Champion', 'Carhartt'],
    categories: [
      {
        name: "Women's Clothing",
        items: items(
          ["Women's 721 High-Rise Skinny Jeans", 69.5, ["Levi's"]],
          ["Women's Crewneck T-Shirts, 4-pack", 16.99, ['Hanes']],
          ["Women's Powerblend Fleece Hoodie", 45.0, ['Champion']],
          ["Women's Sportswear Club Fleece Joggers", 55.0, ['Nike']],
          ["Women's Rugged Flex Work Pants", 49.99, ['Carhartt']],
        ),
      },
      {
        name: "Men's Clothing",
        items: items(
          ["Men's 501 Original Fit Jeans", 69.5, ["Levi's"]],
          ["Men's 505 Regular Fit Jeans", 59.5, ["Levi's"]],
          ["Men's Crew T-Shirts, 6-pack", 24.99, ['Hanes']],
          ["Men's Reverse Weave Hoodie", 60.0, ['Champion']],
          ["Men's Loose Fit Duck Work Jacket", 129.99, ['Carhartt']],
          ["Men's Workwear Pocket T-Shirt", 19.99, ['Carhartt']],
        ),
      },
      {
        name: "Kids' Clothing",
        items: items(
          ["Kids' Sportswear Graphic T-Shirt", 14.99, ['Nike']],
          ["Kids' Club Fleece Joggers", 30.0, ['Nike']],
          ["Kids' Tricot Track Suit", 45.0, ['Adidas']],
          ["Boys' 511 Slim Fit Jeans", 39.99, ["Levi's"]],
          ["Kids' Script Logo Hoodie", 29.99, ['Champion']],
          ["Kids' Undershirts, 5-pack", 12.99, ['Hanes']],
        ),
      },
      {
        name: 'Shoes',
        items: items(
          ['Air Max 90 Sneakers', 130.0, ['Nike']],
          ['Revolution 7 Running Shoes', 70.0, ['Nike']],
          ['Ultraboost Running Shoes', 190.0, ['Adidas']],
          ['Samba OG Shoes', 100.0, ['Adidas']],
          ['Charged Assert 10 Running Shoes', 75.0, ['Under Armour']],
          ['Steel Toe Work Boots', 169.99, ['Carhartt']],
        ),
      },
      {
        name: 'Activewear',
        items: items(
          ['Dri-FIT Training T-Shirt', 30.0, ['Nike']],
          ['Swoosh Medium-Support Sports Bra', 35.0, ['Nike']],
          ['Tech 2.0 T-Shirt', 25.0, ['Under Armour']],
          ['HeatGear Leggings', 45.0, ['Under Armour']],
          ['3-Stripes Track Pants', 60.0, ['Adidas']],
          ['Powerblend Sweatpants', 40.0, ['Champion']],
        ),
      },
      {
        name: 'Accessories',
        items: items(
          ['Acrylic Watch Hat Beanie', 19.99, ['Carhartt']],
          ['Heritage86 Cap', 25.0, ['Nike']],
          ['Cushioned Crew Socks, 6-pack', 20.0, ['Adidas']],
          ['Leather Belt', 29.5, ["Levi's"]],
          ['Hustle 6.0 Backpack', 55.0, ['Under Armour']],
          ['Ankle Socks, 10-pack', 14.99, ['Hanes']],
        ),
      },
    ],
  },
  {
    name: 'Beauty',
    brands: ["L'Oreal", 'Maybelline', 'Neutrogena', 'CeraVe', 'Olay', 'Dove', 'Pantene'],
    categories: [
      {
        name: 'Skincare',
        items: items(
          ['Hydrating Facial Cleanser, 16 oz', 15.99, ['CeraVe']],
          ['Moisturizing Cream, 16 oz', 19.99, ['CeraVe']],
          ['Regenerist Micro-Sculpting Cream', 29.99, ['Olay']],
          ['Hydro Boost Water Gel', 21.99, ['Neutrogena']],
          ['Ultra Sheer Sunscreen SPF 55', 11.99, ['Neutrogena']],
          ['Revitalift Hyaluronic Acid Serum', 29.99, ["L'Oreal"]],
        ),
      },
      {
        name: 'Makeup',
        items: items(
          ['Lash Sensational Sky High Mascara', 12.99, ['Maybelline']],
          ['Fit Me Matte + Poreless Foundation', 9.99, ['Maybelline']],
          ['Instant Age Rewind Concealer', 10.99, ['Maybelline']],
          ['Infallible Matte Resistance Lipstick', 12.99, ["L'Oreal"]],
          ['True Match Foundation', 13.99, ["L'Oreal"]],
          ['Voluminous Original Mascara', 10.99, ["L'Oreal"]],
        ),
      },
      {
        name: 'Hair Care',
        items: items(
          ['Pro-V Daily Moisture Renewal Shampoo', 7.99, ['Pantene']],
          ['Pro-V Daily Moisture Renewal Conditioner', 7.99, ['Pantene']],
          ['Elvive Total Repair 5 Shampoo', 6.99, ["L'Oreal"]],
          ['Daily Moisture Shampoo', 6.99, ['Dove']],
          ['Volume & Fullness Dry Shampoo', 5.99, ['Dove']],
        ),
      },
      {
        name: 'Fragrance',
        items: items(
          ['Eternity Eau de Parfum, 3.4 oz', 89.0, ['Calvin Klein']],
          ['CK One Eau de Toilette, 3.4 oz', 64.0, ['Calvin Klein']],
          ['Polo Blue Eau de Toilette, 4.2 oz', 98.0, ['Ralph Lauren']],
          ['Bright Crystal Eau de Toilette, 3 oz', 92.0, ['Versace']],
        ),
      },
      {
        name: 'Bath & Body',
        items: items(
          ['Deep Moisture Body Wash, 22 oz', 8.99, ['Dove']],
          ['Beauty Bar, 8-pack', 12.99, ['Dove']],
          ['Ultra Moisture Body Wash, 22 oz', 8.49, ['Olay']],
          ['Daily Moisturizing Lotion, 19 oz', 14.99, ['CeraVe']],
          ['Norwegian Formula Hand Cream', 5.99, ['Neutrogena']],
        ),
      },
    ],
  },
  {
    name: 'Pets',
    brands: ['Purina', 'Pedigree', 'Blue Buffalo', 'Friskies', "Hill's"],
    categories: [
      {
        name: 'Dog Food',
        items: items(
          ['Pro Plan Adult Dry Dog Food, 35 lb', 74.99, ['Purina']],
          ['Dog Chow Complete Adult, 44 lb', 39.99, ['Purina']],
          ['Complete Nutrition Adult Dry Dog Food, 30 lb', 29.99, ['Pedigree']],
          ['Chopped Ground Dinner Wet Dog Food, 12-pack', 15.99, ['Pedigree']],
          ['Life Protection Formula Dry Dog Food, 30 lb', 64.99, ['Blue Buffalo']],
          ['Science Diet Adult Dry Dog Food, 30 lb', 79.99, ["Hill's"]],
          ['Adult Dry Dog Food, 40 lb', 32.99, [A]],
        ),
      },
      {
        name: 'Cat Food',
        items: items(
          ['Seafood Favorites Wet Cat Food, 32 ct', 19.99, ['Friskies']],
          ['Indoor Delights Dry Cat Food, 16 lb', 18.99, ['Friskies']],
          ['Cat Chow Indoor, 15 lb', 21.99, ['Purina']],
          ['Wilderness Indoor Dry Cat Food, 11 lb', 44.99, ['Blue Buffalo']],
          ['Science Diet Indoor Dry Cat Food, 15.5 lb', 49.99, ["Hill's"]],
          ['Dry Cat Food, 16 lb', 15.99, [A]],
        ),
      },
      {
        name: 'Pet Supplies',
        items: items(
          ['Tidy Cats Clumping Cat Litter, 40 lb', 19.99, ['Purina']],
          ['Clumping Cat Litter, 40 lb', 14.99, [A]],
          ['Nylon Dog Leash, 6 ft', 12.99, [A]],
          ['Orthopedic Dog Bed', 49.99, [A]],
          ['Dog Waste Bags, 300 ct', 12.99, [A]],
        ),
      },
      {
        name: 'Pet Treats',
        items: items(
          ['Dentastix Daily Dental Dog Treats', 14.99, ['Pedigree']],
          ["Beggin' Strips Dog Treats", 9.99, ['Purina']],
          ['Party Mix Cat Treats', 4.99, ['Friskies']],
          ['Blue Bits Training Dog Treats', 7.99, ['Blue Buffalo']],
          ['Chicken Jerky Dog Treats', 9.99, [A]],
        ),
      },
      {
        name: 'Aquarium',
        items: items(
          ['20 Gallon Aquarium Kit', 99.99, ['Tetra']],
          ['Tropical Flakes Fish Food', 6.99, ['Tetra']],
          ['Whisper Aquarium Filter', 29.99, ['Tetra']],
        ),
      },
    ],
  },
  {
    name: 'Toys',
    brands: ['Lego', 'Mattel', 'Hasbro', 'Hot Wheels', 'Fisher-Price'],
    categories: [
      {
        name: 'Building Sets',
        items: items(
          ['Classic Creative Brick Box', 59.99, ['Lego']],
          ['City Police Station', 99.99, ['Lego']],
          ['Star Wars Millennium Falcon', 169.99, ['Lego']],
          ['Duplo Town Farm Animal Care', 49.99, ['Lego']],
          ['Track Builder Unlimited Set', 29.99, ['Hot Wheels']],
        ),
      },
      {
        name: 'Dolls',
        items: items(
          ['Barbie Dreamhouse', 199.99, ['Mattel']],
          ['Barbie Fashionistas Doll', 10.99, ['Mattel']],
          ['Baby Alive Doll', 29.99, ['Hasbro']],
          ['Little People Family Set', 14.99, ['Fisher-Price']],
        ),
      },
      {
        name: 'Action Figures',
        items: items(
          ['Marvel Legends Spider-Man Figure', 24.99, ['Hasbro']],
          ['Transformers Optimus Prime', 34.99, ['Hasbro']],
          ['Jurassic World Dinosaur Figure', 19.99, ['Mattel']],
          ['Monster Trucks Bigfoot', 9.99, ['Hot Wheels']],
          ['20-Car Gift Pack', 21.99, ['Hot Wheels']],
        ),
      },
      {
        name: 'Board Games',
        items: items(
          ['Monopoly Classic', 19.99, ['Hasbro']],
          ['Clue Classic', 21.99, ['Hasbro']],
          ['Connect 4', 12.99, ['Hasbro']],
          ['UNO Card Game', 5.99, ['Mattel']],
          ['Pictionary', 19.99, ['Mattel']],
        ),
      },
      {
        name: 'Outdoor Play',
        items: items(
          ['Nerf Elite 2.0 Blaster', 24.99, ['Hasbro']],
          ['Grow-to-Pro Basketball Set', 39.99, ['Fisher-Price']],
          ['Laugh & Learn Outdoor Activity Center', 59.99, ['Fisher-Price']],
          ['Water Blaster 2-pack', 14.99, ['Mattel']],
        ),
      },
    ],
  },
  {
    name: 'Sports & Outdoors',
    brands: ['Coleman', 'Yeti', 'Schwinn', 'Wilson', 'Spalding'],
    categories: [
      {
        name: 'Fitness Equipment',
        items: items(
          ['IC4 Indoor Cycling Bike', 899.0, ['Schwinn']],
          ['SelectTech 552 Adjustable Dumbbells', 429.0, ['Bowflex']],
          ['Premium Yoga Mat, 6 mm', 24.99, ['Gaiam']],
          ['Resistance Band Kit', 19.99, ['Gaiam']],
        ),
      },
      {
        name: 'Camping',
        items: items(
          ['Sundome 4-Person Tent', 99.99, ['Coleman']],
          ['Classic 2-Burner Propane Stove', 69.99, ['Coleman']],
          ['Brazos Sleeping Bag', 34.99, ['Coleman']],
          ['LED Camping Lantern', 29.99, ['Coleman']],
          ['Tundra 45 Hard Cooler', 325.0, ['Yeti']],
          ['Rambler 20 oz Tumbler', 35.0, ['Yeti']],
          ['Roadie 24 Hard Cooler', 250.0, ['Yeti']],
        ),
      },
      {
        name: 'Cycling',
        items: items(
          ['Adult Hybrid Bike', 399.99, ['Schwinn']],
          ['Kids\' Bike, 20"', 179.99, ['Schwinn']],
          ['Bike Helmet', 39.99, ['Schwinn']],
          ['U-Lock with Cable', 24.99, ['Schwinn']],
        ),
      },
      {
        name: 'Team Sports',
        items: items(
          ['Evolution Indoor Basketball', 69.99, ['Wilson']],
          ['NFL Junior Football', 19.99, ['Wilson']],
          ['A2000 Baseball Glove', 279.95, ['Wilson']],
          ['NBA Street Outdoor Basketball', 29.99, ['Spalding']],
          ['54" Portable Basketball Hoop', 299.99, ['Spalding']],
        ),
      },
      {
        name: 'Fishing',
        items: items(
          ['Ugly Stik GX2 Spinning Combo', 69.99, ['Shakespeare']],
          ['Tackle Box', 29.99, ['Plano']],
          ['Trilene XL Fishing Line', 12.99, ['Berkley']],
          ['PowerBait Lure Kit', 19.99, ['Berkley']],
        ),
      },
    ],
  },
  {
    name: 'Health & Wellness',
    brands: ['Nature Made', 'Centrum', 'Tylenol', 'Advil', 'Band-Aid'],
    categories: [
      {
        name: 'Vitamins & Supplements',
        items: items(
          ['Vitamin D3 2000 IU, 250 ct', 14.99, ['Nature Made']],
          ['Fish Oil 1200 mg, 200 ct', 16.99, ['Nature Made']],
          ['Adult Multivitamin, 200 ct', 17.99, ['Centrum']],
          ['Silver Adults 50+ Multivitamin, 125 ct', 19.99, ['Centrum']],
          ['Vitamin C 1000 mg, 100 ct', 9.99, [A]],
          ['Daily Multivitamin, 300 ct', 8.99, [A]],
        ),
      },
      {
        name: 'Pharmacy',
        items: items(
          ['Extra Strength Caplets, 100 ct', 11.99, ['Tylenol']],
          ['PM Extra Strength, 100 ct', 12.99, ['Tylenol']],
          ['Ibuprofen Tablets 200 mg, 100 ct', 10.99, ['Advil']],
          ['Liqui-Gels 200 mg, 80 ct', 13.99, ['Advil']],
          ['Allergy Relief Loratadine, 90 ct', 12.99, [A]],
          ['Ibuprofen 200 mg, 200 ct', 8.99, [A]],
          ['Acetaminophen 500 mg, 100 ct', 6.99, [A]],
        ),
      },
      {
        name: 'Personal Care',
        items: items(
          ['Cavity Protection Toothpaste, 2-pack', 4.99, ['Colgate']],
          ['Pro 1000 Electric Toothbrush', 49.99, ['Oral-B']],
          ['Cotton Swabs, 500 ct', 3.99, [A]],
          ['Fusion5 Razor', 11.99, ['Gillette']],
          ['Antiperspirant Deodorant', 5.99, ['Degree', A]],
        ),
      },
      {
        name: 'First Aid',
        items: items(
          ['Flexible Fabric Bandages, 100 ct', 8.99, ['Band-Aid']],
          ['Tough Strips Bandages, 20 ct', 5.99, ['Band-Aid']],
          ['First Aid Kit, 160 pieces', 19.99, [A]],
          ['Antibiotic Ointment, 1 oz', 6.99, ['Neosporin', A]],
          ['Digital Thermometer', 12.99, [A]],
        ),
      },
    ],
  },
  {
    name: 'Automotive',
    brands: ['Michelin', 'Goodyear', 'Armor All', 'Bosch'],
    categories: [
      {
        name: 'Car Care',
        items: items(
          ['Protectant Wipes, 30 ct', 6.99, ['Armor All']],
          ['Car Wash & Wax, 64 oz', 9.99, ['Armor All']],
          ['Tire Foam, 20 oz', 7.99, ['Armor All']],
          ['Windshield Washer Fluid, 1 gal', 3.49, ['Rain-X']],
        ),
      },
      {
        name: 'Tires',
        items: items(
          ['Defender2 All-Season Tire', 179.99, ['Michelin']],
          ['CrossClimate2 All-Weather Tire', 219.99, ['Michelin']],
          ['Assurance WeatherReady Tire', 169.99, ['Goodyear']],
          ['Wrangler Workhorse AT Tire', 189.99, ['Goodyear']],
        ),
      },
      {
        name: 'Auto Parts',
        items: items(
          ['ICON Wiper Blade, 24"', 29.99, ['Bosch']],
          ['Double Platinum Spark Plugs, 4-pack', 24.99, ['Bosch']],
          ['QuietCast Brake Pads', 49.99, ['Bosch']],
          ['Advanced Full Synthetic Motor Oil 5W-30, 5 qt', 29.99, ['Mobil 1']],
        ),
      },
      {
        name: 'Car Electronics',
        items: items(
          ['DriveSmart 66 GPS Navigator', 199.99, ['Garmin']],
          ['Dash Cam Mini 2', 129.99, ['Garmin']],
          ['Easy One Touch Car Phone Mount', 24.99, ['iOttie']],
          ['Bluetooth FM Transmitter', 24.99, ['Anker']],
        ),
      },
    ],
  },
  {
    name: 'Garden',
    brands: ['Scotts', 'Miracle-Gro', 'Weber', 'Char-Broil'],
    categories: [
      {
        name: 'Plants & Seeds',
        items: items(
          ['Potting Mix, 2 cu ft', 12.99, ['Miracle-Gro']],
          ['All Purpose Plant Food, 5 lb', 9.99, ['Miracle-Gro']],
          ['Vegetable Seed Starter Kit', 14.99, ['Burpee']],
          ['Heirloom Tomato Plant, 4.5"', 4.99, ['Bonnie Plants']],
        ),
      },
      {
        name: 'Patio Furniture',
        items: items(
          ['4-Piece Patio Conversation Set', 399.99, ['Hampton Bay']],
          ['9 ft Market Patio Umbrella', 79.99, ['Hampton Bay']],
          ['Classic Adirondack Chair', 129.99, ['Polywood']],
        ),
      },
      {
        name: 'Grills',
        items: items(
          ['Spirit E-310 Gas Grill', 549.0, ['Weber']],
          ['Original Kettle 22" Charcoal Grill', 219.0, ['Weber']],
          ['Grill Brush', 12.99, ['Weber']],
          ['Performance 4-Burner Gas Grill', 399.99, ['Char-Broil']],
          ['Grill Cover, 65"', 29.99, ['Char-Broil']],
        ),
      },
      {
        name: 'Lawn Care',
        items: items(
          ['Turf Builder Lawn Food, 12.5 lb', 54.99, ['Scotts']],
          ['Turf Builder Grass Seed, 7 lb', 49.99, ['Scotts']],
          ['Turf Builder Weed & Feed', 39.99, ['Scotts']],
          ['Garden Hose, 50 ft', 34.99, ['Flexzilla']],
          ['40V Cordless Lawn Mower', 299.99, ['Greenworks']],
        ),
      },
    ],
  },
  {
    name: 'Office',
    brands: ['Crayola', 'Sharpie', 'Epson', 'Post-it'],
    categories: [
      {
        name: 'School Supplies',
        items: items(
          ['Crayons, 24 ct', 1.99, ['Crayola']],
          ['Washable Broad Line Markers, 10 ct', 3.99, ['Crayola']],
          ['Colored Pencils, 24 ct', 4.99, ['Crayola']],
          ['Spiral Notebooks, 5-pack', 5.99, [A]],
          ['Composition Notebook', 2.49, [A]],
          ['#2 Pencils, 24-pack', 4.49, ['Ticonderoga', A]],
        ),
      },
      {
        name: 'Office Supplies',
        items: items(
          ['Permanent Markers, Fine Point, 12 ct', 9.99, ['Sharpie']],
          ['Pocket Highlighters, 5 ct', 5.99, ['Sharpie']],
          ['Super Sticky Notes, 3x3, 12 pads', 14.99, ['Post-it']],
          ['Page Flags, 200 ct', 6.99, ['Post-it']],
          ['Copy Paper, 500 sheets', 8.99, [A]],
          ['Ballpoint Pens, 12 ct', 4.99, [A]],
        ),
      },
      {
        name: 'Printers & Ink',
        items: items(
          ['EcoTank ET-2800 Printer', 199.99, ['Epson']],
          ['WorkForce Pro WF-3820 Printer', 149.99, ['Epson']],
          ['502 Ink Bottles, 4-pack', 49.99, ['Epson']],
          ['DeskJet 4155e Printer', 79.99, ['HP']],
          ['67 Ink Cartridge, Black', 24.99, ['HP']],
          ['Glossy Photo Paper, 100 sheets', 14.99, [A]],
        ),
      },
    ],
  },
  {
    name: 'Books & Media',
    brands: ['Penguin', 'Disney'],
    categories: [
      {
        name: 'Books',
        items: items(
          ['Classics: Pride and Prejudice, Paperback', 10.0, ['Penguin']],
          ['Classics: The Great Gatsby, Paperback', 12.0, ['Penguin']],
          ['Bestselling Thriller, Hardcover', 28.99, ['Penguin']],
          ['Everyday Cookbook, Hardcover', 29.99, ['Penguin']],
          ['Frozen Storybook Collection', 19.99, ['Disney']],
          ['Harry Potter Paperback Box Set', 59.99, ['Scholastic']],
        ),
      },
      {
        name: 'Movies',
        items: items(
          ['Frozen 4K Ultra HD Blu-ray', 29.99, ['Disney']],
          ['Encanto Blu-ray', 24.99, ['Disney']],
          ['Inside Out 2 Blu-ray', 29.99, ['Disney']],
          ['The Batman 4K Ultra HD', 24.99, ['Warner Bros.']],
        ),
      },
      {
        name: 'Music',
        items: items(
          ['Encanto Soundtrack Vinyl', 24.99, ['Disney']],
          ['Classic Disney Songs CD', 12.99, ['Disney']],
          ['Audiobook CD Collection', 34.99, ['Penguin']],
          ['Greatest Hits Vinyl', 29.99, ['Sony']],
        ),
      },
    ],
  },
  {
    name: 'Jewelry',
    brands: ['Pandora', 'Fossil', 'Timex'],
    categories: [
      {
        name: 'Rings',
        items: items(
          ['Sparkling Band Ring', 65.0, ['Pandora']],
          ['Heart Ring', 75.0, ['Pandora']],
          ['Stainless Steel Signet Ring', 38.0, ['Fossil']],
        ),
      },
      {
        name: 'Necklaces',
        items: items(
          ['Moments Snake Chain Necklace', 75.0, ['Pandora']],
          ['Heart Pendant Necklace', 85.0, ['Pandora']],
          ['Stainless Steel Chain Necklace', 48.0, ['Fossil']],
        ),
      },
      {
        name: 'Watches',
        items: items(
          ['Weekender 38mm Watch', 59.0, ['Timex']],
          ['Expedition Scout 40mm Watch', 69.0, ['Timex']],
          ['Marlin Automatic Watch', 259.0, ['Timex']],
          ['Gen 6 Smartwatch', 299.0, ['Fossil']],
          ['Grant Chronograph Watch', 159.0, ['Fossil']],
          ['Carlie Three-Hand Watch', 129.0, ['Fossil']],
        ),
      },
      {
        name: 'Earrings',
        items: items(
          ['Sparkling Stud Earrings', 55.0, ['Pandora']],
          ['Sparkling Hoop Earrings', 65.0, ['Pandora']],
          ['Sterling Silver Stud Earrings', 38.0, ['Fossil']],
        ),
      },
    ],
  },
];

/** Department names in taxonomy order. */
export const DEPARTMENTS: readonly string[] = RETAIL_TAXONOMY.map((d) => d.name);

/** Category names per department, exact spelling. */
export const CATEGORIES_BY_DEPARTMENT: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  RETAIL_TAXONOMY.map((d) => [d.name, d.categories.map((c) => c.name)]),
);

/** Every brand sold per department (the spec's brands plus any the items add), sorted. */
export const BRANDS_BY_DEPARTMENT: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  RETAIL_TAXONOMY.map((d) => {
    const all = new Set<string>(d.brands);
    for (const c of d.categories) for (const it of c.items) for (const b of it.brands) all.add(b);
    return [d.name, [...all].sort()];
  }),
);

// ---------------------------------------------------------------------------------------
// Geography
// ---------------------------------------------------------------------------------------

export interface UsStateSpec {
  code: string;
  name: string;
  region: Region;
  /** 2020 census population, thousands (the weight customers are spread by). */
  population: number;
}

export interface UsCitySpec {
  city: string;
  state: string;
  /** First three digits of the city's ZIP codes. */
  zip3: string;
  /** Relative share of the state's customers. */
  weight: number;
  /** Physical stores in the city (0 when the chain has none there). */
  stores: number;
}

const REGION_STATES: Readonly<Record<Region, readonly string[]>> = {
  northeast: ['ME', 'NH', 'VT', 'MA', 'RI', 'CT', 'NY', 'NJ', 'PA', 'DE', 'MD', 'DC'],
  southeast: ['VA', 'WV', 'KY', 'TN', 'NC', 'SC', 'GA', 'FL', 'AL', 'MS', 'AR', 'LA'],
  midwest: ['OH', 'IN', 'IL', 'MI', 'WI', 'MN', 'IA', 'MO', 'ND', 'SD', 'NE', 'KS'],
  southwest: ['TX', 'OK', 'NM', 'AZ'],
  west: ['CO', 'WY', 'MT', 'ID', 'UT', 'NV', 'CA', 'OR', 'WA', 'AK', 'HI'],
};

/** Region of each state code, exactly as the spec maps them. */
export const REGION_BY_STATE: Readonly<Record<string, Region>> = Object.fromEntries(
  (Object.entries(REGION_STATES) as [Region, readonly string[]][]).flatMap(([region, codes]) =>
    codes.map((code) => [code, region]),
  ),
);

const STATE_ROWS: readonly (readonly [code: string, name: string, populationK: number])[] = [
  ['AL', 'Alabama', 5024],
  ['AK', 'Alaska', 733],
  ['AZ', 'Arizona', 7152],
  ['AR', 'Arkansas', 3012],
  ['CA', 'California', 39538],
  ['CO', 'Colorado', 5774],
  ['CT', 'Connecticut', 3606],
  ['DE', 'Delaware', 990],
  ['DC', 'District of Columbia', 690],
  ['FL', 'Florida', 21538],
  ['GA', 'Georgia', 10712],
  ['HI', 'Hawaii', 1455],
  ['ID', 'Idaho', 1839],
  ['IL', 'Illinois', 12813],
  ['IN', 'Indiana', 6786],
  ['IA', 'Iowa', 3190],
  ['KS', 'Kansas', 2938],
  ['KY', 'Kentucky', 4506],
  ['LA', 'Louisiana', 4658],
  ['ME', 'Maine', 1362],
  ['MD', 'Maryland', 6177],
  ['MA', 'Massachusetts', 7030],
  ['MI', 'Michigan', 10077],
  ['MN', 'Minnesota', 5706],
  ['MS', 'Mississippi', 2961],
  ['MO', 'Missouri', 6155],
  ['MT', 'Montana', 1084],
  ['NE', 'Nebraska', 1962],
  ['NV', 'Nevada', 3105],
  ['NH', 'New Hampshire', 1378],
  ['NJ', 'New Jersey', 9289],
  ['NM', 'New Mexico', 2118],
  ['NY', 'New York', 20201],
  ['NC', 'North Carolina', 10439],
  ['ND', 'North Dakota', 779],
  ['OH', 'Ohio', 11799],
  ['OK', 'Oklahoma', 3959],
  ['OR', 'Oregon', 4237],
  ['PA', 'Pennsylvania', 13003],
  ['RI', 'Rhode Island', 1097],
  ['SC', 'South Carolina', 5119],
  ['SD', 'South Dakota', 887],
  ['TN', 'Tennessee', 6911],
  ['TX', 'Texas', 29146],
  ['UT', 'Utah', 3272],
  ['VT', 'Vermont', 643],
  ['VA', 'Virginia', 8631],
  ['WA', 'Washington', 7705],
  ['WV', 'West Virginia', 1794],
  ['WI', 'Wisconsin', 5894],
  ['WY', 'Wyoming', 577],
];

/** The 50 states and DC with their region and population weight. */
export const US_STATES: readonly UsStateSpec[] = STATE_ROWS.map(([code, name, population]) => {
  const region = REGION_BY_STATE[code];
  if (!region) throw new Error(`state ${code} has no region`);
  return { code, name, region, population };
});

type CityTuple = readonly [city: string, zip3: string, weight: number, stores?: number];

const CITY_ROWS: Readonly<Record<string, readonly CityTuple[]>> = {
  AL: [['Birmingham', '352', 3, 1], ['Montgomery', '361', 2], ['Huntsville', '358', 2], ['Mobile', '366', 2]],
  AK: [['Anchorage', '995', 4, 1], ['Fairbanks', '997', 1], ['Juneau', '998', 1]],
  AZ: [['Phoenix', '850', 6, 2], ['Tucson', '857', 3, 1], ['Mesa', '852', 2], ['Scottsdale', '852', 1]],
  AR: [['Little Rock', '722', 3], ['Fayetteville', '727', 2], ['Fort Smith', '729', 1]],
  CA: [
    ['Los Angeles', '900', 8, 3],
    ['San Diego', '921', 4, 1],
    ['San Jose', '951', 3, 1],
    ['San Francisco', '941', 3, 1],
    ['Sacramento', '958', 2, 1],
    ['Fresno', '937', 2],
    ['Oakland', '946', 1.5],
    ['Long Beach', '908', 1.5],
  ],
  CO: [['Denver', '802', 5, 1], ['Colorado Springs', '809', 3], ['Aurora', '800', 2], ['Boulder', '803', 1]],
  CT: [['Hartford', '061', 2], ['New Haven', '065', 2], ['Stamford', '069', 2], ['Bridgeport', '066', 2]],
  DE: [['Wilmington', '198', 3], ['Dover', '199', 1]],
  DC: [['Washington', '200', 1, 1]],
  FL: [
    ['Miami', '331', 4, 2],
    ['Orlando', '328', 3, 1],
    ['Tampa', '336', 3, 1],
    ['Jacksonville', '322', 3, 1],
    ['Fort Lauderdale', '333', 2],
    ['Tallahassee', '323', 1],
  ],
  GA: [['Atlanta', '303', 6, 2], ['Savannah', '314', 1.5], ['Augusta', '309', 1], ['Athens', '306', 1]],
  HI: [['Honolulu', '968', 5, 1], ['Hilo', '967', 1]],
  ID: [['Boise', '837', 4, 1], ['Idaho Falls', '834', 1], ["Coeur d'Alene", '838', 1]],
  IL: [['Chicago', '606', 7, 2], ['Naperville', '605', 1], ['Peoria', '616', 1], ['Rockford', '611', 1]],
  IN: [['Indianapolis', '462', 5, 1], ['Fort Wayne', '468', 2], ['Evansville', '477', 1], ['South Bend', '466', 1]],
  IA: [['Des Moines', '503', 3], ['Cedar Rapids', '524', 2], ['Davenport', '528', 1]],
  KS: [['Wichita', '672', 3], ['Overland Park', '662', 2], ['Topeka', '666', 1]],
  KY: [['Louisville', '402', 4, 1], ['Lexington', '405', 3], ['Bowling Green', '421', 1]],
  LA: [['New Orleans', '701', 4, 1], ['Baton Rouge', '708', 3], ['Shreveport', '711', 2]],
  ME: [['Bangor', '044', 1], ['Lewiston', '042', 1], ['Biddeford', '040', 1]],
  MD: [['Baltimore', '212', 4, 1], ['Silver Spring', '209', 2], ['Frederick', '217', 1], ['Annapolis', '214', 1]],
  MA: [['Boston', '021', 5, 1], ['Worcester', '016', 2], ['Springfield', '011', 1], ['Cambridge', '021', 1]],
  MI: [['Detroit', '482', 5, 1], ['Grand Rapids', '495', 3], ['Ann Arbor', '481', 1], ['Lansing', '489', 1]],
  MN: [['Minneapolis', '554', 5, 1], ['St. Paul', '551', 3], ['Duluth', '558', 1]],
  MS: [['Jackson', '392', 3], ['Gulfport', '395', 2], ['Hattiesburg', '394', 1]],
  MO: [['Kansas City', '641', 4, 1], ['St. Louis', '631', 4, 1], ['Jefferson City', '651', 1]],
  MT: [['Billings', '591', 2], ['Missoula', '598', 2], ['Bozeman', '597', 1], ['Helena', '596', 1]],
  NE: [['Omaha', '681', 4, 1], ['Lincoln', '685', 3]],
  NV: [['Las Vegas', '891', 6, 1], ['Reno', '895', 2], ['Henderson', '890', 2]],
  NH: [['Manchester', '031', 2], ['Nashua', '030', 2], ['Concord', '033', 1]],
  NJ: [['Newark', '071', 3, 1], ['Jersey City', '073', 3], ['Paterson', '075', 1], ['Trenton', '086', 1]],
  NM: [['Albuquerque', '871', 5, 1], ['Santa Fe', '875', 1], ['Las Cruces', '880', 1]],
  NY: [
    ['New York', '100', 8, 3],
    ['Brooklyn', '112', 5, 1],
    ['Buffalo', '142', 2, 1],
    ['Rochester', '146', 1.5],
    ['Albany', '122', 1],
    ['Syracuse', '132', 1],
  ],
  NC: [['Charlotte', '282', 4, 1], ['Raleigh', '276', 3, 1], ['Greensboro', '274', 2], ['Durham', '277', 1]],
  ND: [['Fargo', '581', 2], ['Bismarck', '585', 1]],
  OH: [['Columbus', '432', 4, 1], ['Cleveland', '441', 3, 1], ['Cincinnati', '452', 3], ['Toledo', '436', 1], ['Akron', '443', 1]],
  OK: [['Oklahoma City', '731', 4, 1], ['Tulsa', '741', 3]],
  OR: [['Portland', '972', 5, 1], ['Eugene', '974', 1], ['Salem', '973', 1]],
  PA: [['Philadelphia', '191', 5, 2], ['Pittsburgh', '152', 3, 1], ['Allentown', '181', 1], ['Harrisburg', '171', 1]],
  RI: [['Providence', '029', 3], ['Warwick', '028', 1]],
  SC: [['Columbia', '292', 2], ['Charleston', '294', 2], ['Greenville', '296', 2]],
  SD: [['Sioux Falls', '571', 2], ['Rapid City', '577', 1]],
  TN: [['Nashville', '372', 4, 1], ['Memphis', '381', 3, 1], ['Knoxville', '379', 2], ['Chattanooga', '374', 1]],
  TX: [
    ['Houston', '770', 6, 2],
    ['Dallas', '752', 4, 2],
    ['San Antonio', '782', 4, 2],
    ['Austin', '787', 3, 1],
    ['Fort Worth', '761', 3],
    ['El Paso', '799', 2],
  ],
  UT: [['Salt Lake City', '841', 4, 1], ['Provo', '846', 1], ['Ogden', '844', 1]],
  VT: [['Burlington', '054', 2], ['Montpelier', '056', 1]],
  VA: [['Virginia Beach', '234', 3], ['Richmond', '232', 2, 1], ['Arlington', '222', 2], ['Norfolk', '235', 1]],
  WA: [['Seattle', '981', 5, 1], ['Spokane', '992', 2, 1], ['Tacoma', '984', 2], ['Bellevue', '980', 1]],
  WV: [['Huntington', '257', 2], ['Morgantown', '265', 1], ['Wheeling', '260', 1]],
  WI: [['Milwaukee', '532', 4, 1], ['Madison', '537', 3], ['Green Bay', '543', 1]],
  WY: [['Cheyenne', '820', 2], ['Casper', '826', 1]],
};

/** Cities customers live in (every state has at least one; names are unique across states). */
export const US_CITIES: readonly UsCitySpec[] = US_STATES.flatMap((s) =>
  (CITY_ROWS[s.code] ?? []).map(([city, zip3, weight, stores]) => ({ city, state: s.code, zip3, weight, stores: stores ?? 0 })),
);

/** The cities the spec names, with their states; each has at least one store. */
export const NAMED_CITIES: readonly (readonly [city: string, state: string])[] = [
  ['New York', 'NY'],
  ['Brooklyn', 'NY'],
  ['Buffalo', 'NY'],
  ['Los Angeles', 'CA'],
  ['San Francisco', 'CA'],
  ['San Diego', 'CA'],
  ['San Jose', 'CA'],
  ['Sacramento', 'CA'],
  ['Chicago', 'IL'],
  ['Houston', 'TX'],
  ['Dallas', 'TX'],
  ['Austin', 'TX'],
  ['San Antonio', 'TX'],
  ['Phoenix', 'AZ'],
  ['Tucson', 'AZ'],
  ['Philadelphia', 'PA'],
  ['Pittsburgh', 'PA'],
  ['Seattle', 'WA'],
  ['Spokane', 'WA'],
  ['Portland', 'OR'],
  ['Denver', 'CO'],
  ['Boston', 'MA'],
  ['Miami', 'FL'],
  ['Orlando', 'FL'],
  ['Tampa', 'FL'],
  ['Jacksonville', 'FL'],
  ['Atlanta', 'GA'],
  ['Charlotte', 'NC'],
  ['Raleigh', 'NC'],
  ['Nashville', 'TN'],
  ['Memphis', 'TN'],
  ['Detroit', 'MI'],
  ['Minneapolis', 'MN'],
  ['Columbus', 'OH'],
  ['Cleveland', 'OH'],
  ['Indianapolis', 'IN'],
  ['Milwaukee', 'WI'],
  ['Kansas City', 'MO'],
  ['St. Louis', 'MO'],
  ['Las Vegas', 'NV'],
  ['Salt Lake City', 'UT'],
  ['Albuquerque', 'NM'],
  ['New Orleans', 'LA'],
  ['Baltimore', 'MD'],
  ['Washington', 'DC'],
  ['Richmond', 'VA'],
  ['Newark', 'NJ'],
  ['Omaha', 'NE'],
  ['Oklahoma City', 'OK'],
  ['Louisville', 'KY'],
  ['Birmingham', 'AL'],
  ['Honolulu', 'HI'],
  ['Anchorage', 'AK'],
  ['Boise', 'ID'],
];
