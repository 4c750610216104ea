/**
 * A compiled leaf condition. `twoValued` leaves (membership tests of the customer id in a
 * subquery) are TRUE or FALSE by construction; every other leaf may be NULL (a NULL column, an
 * unknown birth date) and is wrapped in `COALESCE((...), FALSE)` so that NOT means "does not
 * match" and never yields NULL.
 */
export interface LeafSql {
  sql: string;
  twoValued: boolean;
}

/** The customer table's alias in every statement and predicate. */
export const CUSTOMER_ID = 'c.customer_id';
