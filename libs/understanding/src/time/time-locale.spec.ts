/* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads modules with require */
/** The time stage loads chrono-node's English parser, not the package index with its 16 locales. */
describe('time stage dependencies', () => {
  it('reads a date through the English parser without loading the chrono-node index', () => {
    jest.isolateModules(() => {
      jest.doMock('chrono-node', () => {
        throw new Error('the chrono-node index (all locales) was loaded');
      });
      const { tagTime } = require('./time') as typeof import('./time');
      const { normalize } = require('../normalize/normalize') as typeof import('../normalize/normalize');
      const [match] = tagTime(normalize('bought on the 4th of July').tokens, '2026-06-30');
      expect(match?.value).toBeDefined();
      expect(JSON.stringify(match?.value)).toContain('07-04');
    });
  });
});
