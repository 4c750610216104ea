import type { Sense } from '../lexicon/senses';

/**
 * The engine's own knowledge of how people talk about audiences: English grammar words and
 * generic commerce vocabulary. Nothing here names a tenant's facet, value, rule or product;
 * those come from the catalog.
 */

type Entry = readonly [phrases: string, sense: Sense];

const s = (phrases: string, sense: Sense): Entry => [phrases, sense];

/** Phrases separated by '|'. */
export const GRAMMAR_ENTRIES: readonly Entry[] = [
  // --- verbs of buying, spending, returning
  s(
    'buy|bought|buys|buying|purchase|purchased|purchases|purchasing|order|ordered|orders|ordering|shop|shopped|shops|shopping|transact|transacted|make a purchase|made a purchase|made purchases|make purchases|place an order|placed an order|placed orders|placed an order for|placed|picked up|pick up|buy anything|bought anything|purchased anything|ordered anything|bought something|purchased something|ordered something|converted|convert|checked out|check out|paid|pay|paying|snagged|grabbed|picked|picking|completed a purchase|completed purchases|completed an order|complete a purchase|came back|come back|returned to buy|repurchased|rebought|payers|payer|paid with|paid by|pay with|paying with',
    { t: 'verb', cls: 'purchase', lemma: 'buy' },
  ),
  s('spend|spent|spending|spends|dropped|splurged|splurge|spender', { t: 'verb', cls: 'spend', lemma: 'spend' }),
  s(
    'returned|return|returns|returning|refunded|refund|refunds|sent back|send back|made a return|returned something|returned an order|returned an item|returned items|returned a purchase|returned products',
    { t: 'verb', cls: 'return', lemma: 'return' },
  ),
  s(
    'live|lives|living|lived|reside|resides|residing|located|based|are|is|be|been|was|were|am|being|come from|comes from|hail from',
    { t: 'verb', cls: 'state', lemma: 'be' },
  ),
  s(
    'have|has|had|having|do|does|did|will|would|should|shall|ever|yet|already|still|currently|now|made|make|makes|hit|hits|happened|happen|occurred|came|been|gone|went|completed|complete|done|actually|really|also|again|since then|at some point|at any point|in total|altogether|overall|combined|in all|so far',
    { t: 'aux' },
  ),
  // behaviour nouns
  s(
    'purchases|orders|transactions|shopping trips|trips|baskets|checkouts|purchase history|order history|completed orders|completed purchases|purchasers',
    { t: 'bnoun', cls: 'purchase', lemma: 'order' },
  ),
  s('returners|returner|returns|refunds', { t: 'bnoun', cls: 'return', lemma: 'return' }),
  s('spend|spending|revenue|sales|amount|amounts|line amounts|dollars spent|money spent|gross sales|sales volume', {
    t: 'bnoun',
    cls: 'spend',
    lemma: 'spend',
  }),
  // measures
  s(
    'average order value|avg order value|aov|average order|average basket|average basket size|basket size|average spend per order|average ticket|average order size|avg order|average purchase value|average transaction value|average transaction|avg basket|on average per order|per order on average|average per order|spend per order|spent per order|spending per order|per order|an order on average|per purchase on average',
    { t: 'measure', measure: 'avg_order_value' },
  ),
  s(
    'lifetime value|lifetime spend|lifetime spending|ltv|total spend|total spending|total spent|spent in total|all time spend|all-time spend|lifetime revenue|total revenue|cumulative spend|historical spend|overall spend|spent overall',
    { t: 'measure', measure: 'spend', lifetime: true },
  ),
  // "sum of purchases in the last 30 days is at least $400": spend (in the window said)
  s(
    'sum of purchases|sum of orders|sum of their purchases|total of purchases|purchase total|purchases total|order total sum',
    {
      t: 'measure',
      measure: 'spend',
    },
  ),
  s(
    'order count|number of orders|number of purchases|order frequency|purchase frequency|purchase count|how many orders',
    { t: 'measure', measure: 'orders' },
  ),
  s('times|time|x|occasions|separate occasions|different occasions|separate times', { t: 'times' }),
  s('items|units|products|things', { t: 'measure', measure: 'quantity' }),
  // order filters: channel, fulfillment, coupon, payment, status
  s('online|ecommerce|e commerce|digitally|digital|web or app|online or in the app', {
    t: 'order',
    filter: { channel: ['web', 'app'] },
  }),
  s(
    'in store|in stores|in a store|in our stores|in our store|at a store|at the store|at our stores|at our store|at one of our stores|in person|offline|instore|brick and mortar|physical store|physical stores|at the register|in-person|store',
    { t: 'order', filter: { channel: ['store'] } },
  ),
  s(
    'in the app|via the app|on the app|through the app|using the app|with the app|mobile app|the app|app|on mobile|via mobile|mobile',
    { t: 'order', filter: { channel: ['app'] }, channelWord: 'app' },
  ),
  s(
    'on the website|on the web|on the site|on our site|on our website|via the website|through the website|website|web|on the web site|on desktop|on the site',
    { t: 'order', filter: { channel: ['web'] }, channelWord: 'web' },
  ),
  s(
    'pickup|pick up|picked up|pick-up|curbside|curbside pickup|bopis|click and collect|buy online pick up in store|store pickup|in store pickup|picked up in store|pick up in store|pickup in store|picked up at the store|picked up at a store|pick up at the store|picked up in a store|in-store pickup|picked it up in store|collected in store|collect in store',
    { t: 'order', filter: { fulfillment: ['pickup'] } },
  ),
  s('delivery|delivered|home delivery|same day delivery|deliveries', {
    t: 'order',
    filter: { fulfillment: ['delivery'] },
  }),
  s('shipped|shipping|ship to home|ship|mail order|shipment|had shipped|had it shipped', {
    t: 'order',
    filter: { fulfillment: ['ship'] },
  }),
  s(
    'on sale|clearance|markdowns|sale items|discounted items|coupon|coupons|discount|discounts|discounted|promo code|promo codes|promo|voucher|vouchers|discount code|coupon code|promotion code|promotional code|markdown|used a coupon|redeemed a coupon|with a coupon|using a coupon',
    { t: 'order', filter: { coupon_used: true } },
  ),
  s('full price|full-price|at full price|paid full price', { t: 'order', filter: { coupon_used: false } }),
  s('cash', { t: 'order', filter: { payment_method: ['cash'] } }),
  s('credit card|credit cards|paid by credit|paid with credit', {
    t: 'order',
    filter: { payment_method: ['credit_card'] },
  }),
  s('debit card|debit cards|debit', { t: 'order', filter: { payment_method: ['debit_card'] } }),
  s('paypal|pay pal', { t: 'order', filter: { payment_method: ['paypal'] } }),
  s('gift card|gift cards|giftcard', { t: 'order', filter: { payment_method: ['gift_card'] } }),
  s('ebt|snap|food stamps|snap benefits', { t: 'order', filter: { payment_method: ['ebt'] } }),
  s(
    'cancelled|canceled|cancelled an order|canceled an order|cancellation|cancellations|cancelled orders|canceled orders',
    { t: 'order', filter: { status: 'cancelled' } },
  ),
  s('organic|organics', { t: 'flag', flag: 'organic' }),
  s('private label|store brand|own brand|house brand', { t: 'flag', flag: 'private_label' }),
  // negation
  s(
    'not|no|never|none|nothing|without|no longer|not yet|zero|lack|lacking|nor|not any|neither|outside|outside of|anywhere but|anywhere except|non|not a single|not one|never once|have yet to|has yet to|yet to',
    { t: 'neg', word: 'not' },
  ),
  // facets by role
  s(
    'last order|last purchase|last completed order|last completed purchase|most recent order|most recent purchase|latest order|latest purchase|last transaction|most recent transaction|last bought|last shopped|last visit|recency',
    { t: 'role', role: 'recency' },
  ),
  s(
    'first order|first purchase|first completed order|first completed purchase|first ever order|first ever purchase|for the first time|first time|first-time|first transaction|bought for the first time|purchased for the first time|ordered for the first time',
    { t: 'role', role: 'firstPurchase' },
  ),
  s(
    'signed up|sign up|signup|sign-up|joined|registered|created an account|created accounts|opened an account|became a member|became members|enrolled|account creation|sign ups|signups|sign-ups|onboarded|joined us',
    { t: 'role', role: 'signupDate' },
  ),
  s('age|aged|years old|year old|years of age|yrs old|yo|y/o', { t: 'role', role: 'age' }),
  s('born|born in|birth month|birthday month|month of birth', { t: 'role', role: 'birthMonth' }),
  // subscriptions
  s(
    'opted in|opt in|opted into|opt into|opted in to|opted-in|opt-in|subscribed|subscribers|subscriber|signed up for|enrolled in|turned on|enabled|allowed|allow|allows|accept|accepts|on file|permission',
    { t: 'optin', value: true },
  ),
  s('opted out|opt out|opted-out|opt-out|unsubscribed|unsubscribe|turned off|disabled|switched off|blocked|declined', {
    t: 'optin',
    value: false,
  }),
  s(
    'score|scores|scored|model|models|probability|likelihood|rating|flagged|flags|predicts|predicted|thinks|according to the model|per the model|our model|the model|percentile',
    { t: 'modelword' },
  ),
  s(
    'department|departments|dept|category|categories|aisle|section|brand|brands|gear|line|range|products|product|items|item|stuff|goods|merchandise|things|selection|collection',
    { t: 'itemword' },
  ),
  // connectives
  s('and|plus|as well as|and also|also|along with|together with|&|as well', { t: 'conj', c: 'and' }),
  s(
    'or|and or|or else|otherwise|and/or|including|including those|including people|including anyone|including customers|along with those|or anyone',
    { t: 'conj', c: 'or' },
  ),
  // "..., plus all our platinum folks", "VIPs as well as anyone who ...": another population joins the audience
  s(
    'plus anyone|plus all|plus all of|plus every|plus everyone|plus everybody|plus any|plus those|plus also|as well as anyone|as well as everyone|as well as all|as well as those|as well as any|along with anyone|along with everyone|along with all|together with anyone|and anyone|and anybody|and everyone|and everybody|and also anyone|and also everyone|also include|and also include|also including|and also including',
    { t: 'conj', c: 'or', union: true },
  ),
  s('but|yet|however|though|although|while|whereas', { t: 'but' }),
  // "..., as long as they live in the Southeast": a condition on the same customers
  s('as long as|so long as|provided that|provided|on condition that|on the condition that', { t: 'conj', c: 'and' }),
  s(
    'who|that|which|whose|whom|where|those who|people who|ones who|anyone who|everyone who|those that|such that|who are|that are|which are',
    { t: 'rel' },
  ),
  s(
    'except|excluding|exclude|excludes|excl|excl.|ex.|except for|other than|minus|not including|apart from|aside from|leaving out|leave out|but not|omitting|omit|without counting|barring|save for|filter out|ignoring|skip|skipping|leave off|drop|dropping|not counting|but exclude|and exclude|with the exception of|except those|except the ones|except anyone|besides|anyone but|anybody but|everyone but|everybody but|all but|all customers but|everyone except|anyone except|everybody except|anyone other than|everyone other than|nobody|noone|nobody who|no one who|nobody that|no one that',
    { t: 'excl' },
  ),
  s('either', { t: 'either' }),
  s('neither', { t: 'neither' }),
  s('with|having|who have|that have|who has|that has|w/', { t: 'with' }),
  s('without|w/o|lacking', { t: 'without' }),
  // subjects
  s(
    'customers|customer|people|person|persons|folks|folk|everyone|everybody|anyone|anybody|members|member|users|user|clients|client|consumers|consumer|individuals|individual|accounts|account|households|household members|guests|patrons|contacts|profiles|records|shoppers that|those|ones|audience|segment|cohort|group|base|customer base|list|population|subscribers|subscriber|somebody|someone|adults|visitors|recipients|recipient|respondents|families|patients|residents',
    { t: 'subj' },
  ),
  s(
    'shoppers|shopper|buyers|buyer|purchasers|purchaser|spenders|owners|owner|fans|fan|lovers|lover|enthusiasts|regulars',
    { t: 'subj', buyer: true },
  ),
  // levels and ranks
  s(
    'high|higher|highest|strong|top|very high|elevated|most|greatest|large|big|heavy|serious|significant|highly|very|extremely|super|really high',
    { t: 'level', level: 'high' },
  ),
  s('medium|mid|moderate|middle|average|mid level|mid-level|intermediate', { t: 'level', level: 'medium' }),
  s('low|lower|lowest|weak|bottom|least|minimal|little|small|light|very low', { t: 'level', level: 'low' }),
  s('decile|deciles|percentile|percentiles', { t: 'decile' }),
  // birthdays
  s('birthday|birthdays|bday|b-day|birth day|bdays|birthday month|birth month', { t: 'bday' }),
  // prepositions
  s('in|from|at|on|by|via|through|of|for|to|within|during|into|over|under|across|around|near|among|per|about', {
    t: 'prep',
    p: '',
  }),
  s(
    'only|just|solely|exclusively|strictly|exactly|always|every time|on every order|on every purchase|on all orders|on all their orders|on all of their orders|on each order|every order they have placed|every order they placed|on every order they have placed|on every order they placed',
    { t: 'only' },
  ),
  s(
    'by which i mean|by which we mean|meaning|means|here means|is defined as|defined as|i.e.|ie|i.e|which means|that is|i mean|as in|in other words|aka|a.k.a.|define|defining|definition',
    { t: 'def' },
  ),
  s(
    'anything|something|any product|any products|any item|any items|an item|a product|stuff|items|products|goods|merchandise|product|item|things|thing|something at all|anything at all|at all|any of them|a single one|single one|one|any|any brand|any channel|any channels|all channels|across all channels|any time|anytime|any mix',
    { t: 'any' },
  ),
  s('ago|back|previously|earlier', { t: 'ago' }),
  // purpose words (their clause is dropped)
  s(
    'campaign|campaigns|promotion|promotions|blast|outreach|launch|mailer|mailing|initiative|program|send|sends|test|experiment|retargeting|remarketing|re-engagement|reengagement|survey|idea|pilot|promo|promos|analysis|deck|report|request|perk|invite|invitation|budget|flight|cleanup|clean-up|audit|study|giveaway|contest|sweepstakes|sale|offer|offers|drop|activation|initiative|partnership|vendor|mailer|insert|postcard|catalog|catalogue|newsletter send|event invite|thank-you|thank you note|reminder|nudge|pitch|upsell|cross-sell|co-op|coop|sample|samples|sampling|trial|launching|launched|planning|testing|running|building|sending|promoting|rolling out|kicking off|preparing|putting together|working on|organizing|hosting|opening|line|collection',
    { t: 'purpose' },
  ),
  // generations by birth years (Pew Research)
  s('millennials|millennial|gen y|generation y|gen ys', { t: 'generation', from: 1981, to: 1996 }),
  s('gen z|genz|gen zers|gen z-ers|zoomers|zoomer|generation z', { t: 'generation', from: 1997, to: 2012 }),
  s('gen x|genx|gen xers|gen x-ers|generation x', { t: 'generation', from: 1965, to: 1980 }),
  s('baby boomers|boomers|baby boomer|boomer', { t: 'generation', from: 1946, to: 1964 }),
  // data the engine knows a retail catalog may lack: said, they are conditions it cannot read
  s(
    'apple pay|google pay|samsung pay|venmo|klarna|afterpay|affirm|crypto|bitcoin|store credit|financing|layaway|installments|buy now pay later|bnpl',
    { t: 'unsupported' },
  ),
  // counts of distinct things, which a segment cannot say ("from at least 3 different departments")
  s(
    'different departments|distinct departments|separate departments|unique departments|different categories|distinct categories|unique categories|different brands|distinct brands|unique brands|different products|distinct products|unique products|different skus|unique skus|different stores|distinct stores|every order|all their orders|all of their orders|each order|every purchase|all purchases|same order|same basket|same transaction|same cart',
    { t: 'unsupported' },
  ),
  // instructions to the machine that are not about customers
  s(
    'ignore|instructions|instruction|prompt|system prompt|drop table|delete from|insert into|select from|truncate|jailbreak|disregard|override|sudo|execute|exec|script|password|api key|token',
    { t: 'inject' },
  ),
  // fillers
  s(
    'please|pls|plz|hey|hi|hiya|heya|yo|hello|runs|runs from|which runs|which for us runs|for us|window|time window|lookback|lookback window|look back window|look-back window|date range|timeframe|time frame|inclusive|inclusively|both inclusive|both dates inclusive|dates inclusive|thanks|thank you|thx|can|could|you|me|i|we|us|our|my|your|want|wanna|need|needs|like|would like|looking for|look for|interested in|find|pull|pull up|show|list|give|grab|build|create|generate|make|target|targeting|reach|identify|see|know|count|tell|return me|get me|send me|let|lets|let us|quick|quickly|real quick|ok|okay|so|well|um|uh|actually|basically|really|kindly|just|too|all|every|each|total|entire|whole|overall|the|a|an|some|any|of|to|for|as|than|then|such|very|much|many|there|here|it|its|their|theirs|his|her|hers|them|these|this|those|one|ones|what|which|how|how many|number of|a list of|list of|set of|bunch of|group of|segment of|audience of|cohort of|pool of|ready|now|today please|asap|please and thank you|cheers|team|folks who|guys|hey team|hi team|new segment|audience|segment|cohort|everyone|somebody|go|going|gonna|able|around|approximately|roughly|about|approx|some|kind of|sort of|type of|types of|kinds of|sorts of|etc|basically|anyone|want to|wants|wanted|trying|try|help|helping|send them|email them|text them|reward them|thank them|invite them|offer them|also include|include|includes|included|only include|matching|match|meet|meets|criteria|based on|according to|retailer|company|business|that way|this way|separate|different|distinct|another|other|others|irrelevant|does not matter|instruction|standard|bands|usual|normal|default|doesnt matter|not matter|matter|regardless|regardless of|whatever|no matter|not important|dont care|do not care|is open|are open|wide open|any age|any region|any tier|any channel|no other filters|no other filter|nothing else|coming up|coming|upcoming|approaching|soon|looking to|look to|hoping to|trying to|need to|would like to|planning to|going to|aiming to|re engage|reengage|win back|reactivate|retain|engage|reach out to|get back|bring back|reward|thank|invite|celebrate|treat|honor|welcome|surprise|start with|start|begin with|starting with|lets start|to start|for starters|first off|everything else|for now|later|obviously|of course|naturally|clearly|simply|basically|literally|honestly|please note|note|fyi|btw|again|thanks so much|thank you so much|much appreciated|appreciate it|cheers|great|awesome|thanks a lot|asap|urgent|urgently|quick question|question|wondering|curious|e.g.|eg|for example|such as|like|i.e.|etc|and so on|at home|in the household|in household|on record|on file|recorded|recorded as|listed as|marked as|set to|flagged as|equal to|is set|equals|equal|say|says|said|mentioned|known|noted|we know|we have|message|messages|notification|notifications',
    { t: 'filler' },
  ),
];

/** Engine words outside the trie (time, numbers, comparisons) that typo correction may aim at. */
export const ENGINE_WORDS: readonly [string][] = [
  [
    'day|days|week|weeks|month|months|year|years|quarter|quarters|today|yesterday|recently|lately|since|before|after|between|during|within|last|past|previous|ago|this|next|coming|upcoming|until',
  ],
  [
    'january|february|march|april|may|june|july|august|september|october|november|december|holidays|holiday|christmas|summer|winter|spring|autumn|fall',
  ],
  [
    'more|less|fewer|than|over|under|above|below|least|most|exactly|greater|higher|lower|older|younger|between|once|twice|times',
  ],
  [
    'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen',
  ],
  ['customers|people|everyone|anyone|shoppers|members|users|buyers|who|which|with|without|except|excluding'],
];

/** Words that never carry meaning on their own (for coverage and typo correction). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to for at on in by with from as is are was were be been being am do does did done have has had having ' +
    'i me my we us our you your he him his she her it its they them their this that these those who whom whose which what ' +
    'when where why how and or but nor not no so than then too very can could would should will shall may might must ' +
    'just also only all any some each every both either neither few more most other such own same into over under about ' +
    'after before since until while during through between up down out off again further once here there s t n ever yet ' +
    'already still now please hey hi hello thanks thank pls ok okay like want need get got let lets'
  ).split(' '),
);

/** Sentence openers and fillers people type around the audience itself. */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  (
    'please pls plz hey hi hello thanks thank can could would you me i we us our my your want wanna need like looking ' +
    'find pull show list give grab build create generate make target targeting reach identify see know count tell let lets ' +
    'quick quickly ok okay so well um uh actually basically really kindly just also too all every each total entire whole ' +
    'overall some any such very much many there here it its their them these this those one ones what how number set bunch ' +
    'group segment audience cohort pool ready asap cheers team folks guys everyone anyone everybody anybody somebody ' +
    'someone people person customers customer go going gonna able around approximately roughly about approx kind sort type ' +
    'types kinds sorts etc trying try help include including includes included add adding matching match meet meets ' +
    'criteria following based according question wondering curious interested wonder mind possible possibly maybe perhaps ' +
    'lookup look up get getting grabbing export exported export exporting upload uploading download ' +
    'cool great awesome good nice fine sure thing'
  ).split(' '),
);

/**
 * Words whose presence, unexplained, marks a request for data the tenant may not hold
 * (used to phrase refusals; any unexplained content word refuses anyway).
 */
export const DATA_REQUEST_CUES: ReadonlySet<string> = new Set(
  'score rating worth income status title level history record number count rate degree preference follower followers profile account'.split(
    ' ',
  ),
);

/** Foreign function words, to recognise requests written in another language. */
export const FOREIGN_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'que los las los el la del de en con para por una uno unos clientes compraron compras mujeres hombres y o pero sin ' +
    'les des et ou avec pour dans une sont qui ont acheté femmes hommes ' +
    'der die das und oder mit für von den dem ein eine kunden frauen männer haben nicht ' +
    'il gli le di che per con una sono donne uomini ' +
    'het een van en zijn klanten ' +
    'os um uma com para não mulheres homens'
  ).split(' '),
);

/** Months by name (for the time stage and for birth months). */
export const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
