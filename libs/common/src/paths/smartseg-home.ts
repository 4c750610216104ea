import * as path from 'node:path';

/** Data home (spec section 3): SMARTSEG_HOME, default ./.smartseg in the working directory. */
export function smartsegHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['SMARTSEG_HOME'] ?? path.join(process.cwd(), '.smartseg'));
}

/** The embedded warehouse of tenant T: $SMARTSEG_HOME/warehouses/T.duckdb. */
export function warehousePath(tenantId: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(smartsegHome(env), 'warehouses', `${tenantId}.duckdb`);
}

/** The tenant's catalog as read from its warehouse: $SMARTSEG_HOME/catalogs/T.json. */
export function catalogPath(tenantId: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(smartsegHome(env), 'catalogs', `${tenantId}.json`);
}
