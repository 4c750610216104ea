import * as fs from 'node:fs';
import { openApiPath, renderOpenApi } from '../../apps/api/src/openapi/openapi-document';

/** openapi.json at the repo root is generated from the code; this fails when they differ. */
describe('openapi.json', () => {
  it('matches the API (regenerate: UPDATE_OPENAPI=1 npx jest test/e2e/api-openapi)', async () => {
    const json = await renderOpenApi();
    const file = openApiPath(__dirname);
    if (process.env['UPDATE_OPENAPI'] === '1') fs.writeFileSync(file, json);
    expect(fs.existsSync(file)).toBe(true);
    const doc = JSON.parse(json);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/conversations',
        '/v1/segments',
        '/v1/segments/count',
        '/admin/tenants',
        '/health/ready',
      ]),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(json);
  }, 60_000);
});
