import 'reflect-metadata';
import * as fs from 'node:fs';
import { openApiPath, renderOpenApi } from './openapi-document';

/**
 * Writes openapi.json at the repository root: `npm run build && node dist/apps/api/src/openapi/write-openapi.main.js`
 * (or `UPDATE_OPENAPI=1 npx jest test/e2e/api-openapi`). test/e2e/api-openapi fails when the file drifts.
 */
renderOpenApi()
  .then((json) => {
    const file = openApiPath();
    fs.writeFileSync(file, json);
    process.stdout.write(`${file}\n`);
  })
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
