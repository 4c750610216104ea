import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource, InsertQueryBuilder } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { ConversationEntity, ConversationTurnEntity } from '../database/entities';
import { ConversationRepository, type NewTurn } from './conversation.repository';

const SEGMENT = { version: 1, where: { facet: 'state', op: 'in', value: ['CA'] } } as never;

describe('ConversationRepository: a new conversation and its first turn', () => {
  let home: string;
  let ds: DataSource;
  let repo: ConversationRepository;
  const turn = (over: Partial<NewTurn> = {}): NewTurn => ({
    text: 'women in california',
    skill: 'create_segment',
    status: 'segment',
    result: { status: 'segment', segment: SEGMENT, count: 12, explanation: 'Customers in California' },
    elapsedMs: 7,
    actor: 'key-1',
    ...over,
  });

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'conv-repo-'));
    ds = new DataSource(dataSourceOptions({ SMARTSEG_HOME: home }));
    await ds.initialize();
    repo = new ConversationRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('writes both rows in one transaction of four statements, every column as TypeORM reads it back', async () => {
    const statements: string[] = [];
    const createRunner = ds.driver.createQueryRunner.bind(ds.driver);
    const spy = jest.spyOn(ds.driver, 'createQueryRunner').mockImplementation((mode) => {
      const runner = createRunner(mode);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: never[]) => {
        statements.push(sql.split(' ')[0]!.toUpperCase());
        return query(sql, ...rest);
      }) as typeof runner.query;
      return runner;
    });
    const builder = jest.spyOn(InsertQueryBuilder.prototype, 'execute');
    let draft: ConversationEntity;
    try {
      draft = repo.draft('t1', 'key-1');
      const row = await repo.addTurn('t1', draft.id, turn(), SEGMENT, { create: draft });
      expect(row.seq).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(statements).toEqual(['BEGIN', 'INSERT', 'INSERT', 'COMMIT']);
    expect(builder).not.toHaveBeenCalled(); // one prepared INSERT per row, not the query builder's per-call work
    builder.mockRestore();
    const saved = await repo.find('t1', draft.id);
    expect(saved).toMatchObject({
      id: draft.id,
      tenantId: 't1',
      createdBy: 'key-1',
      createdAt: draft.createdAt,
      currentSegment: SEGMENT,
    });
    const turns = await repo.turns('t1', draft.id);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({
      seq: 1,
      text: 'women in california',
      skill: 'create_segment',
      status: 'segment',
      elapsedMs: 7,
      createdBy: 'key-1',
      result: turn().result,
    });
    expect(saved!.updatedAt).toBe(turns[0]!.createdAt);
    // The next turn follows it and moves the conversation on.
    const second = await repo.addTurn('t1', draft.id, turn({ text: 'and in texas' }), null);
    expect(second.seq).toBe(2);
    expect((await repo.find('t1', draft.id))!.currentSegment).toBeNull();
  });

  it('a clarify turn (no segment) is written with a null current segment', async () => {
    const draft = repo.draft('t1', 'key-1');
    await repo.addTurn('t1', draft.id, turn({ status: 'clarify', result: { question: 'Which?' } }), undefined, {
      create: draft,
    });
    expect((await repo.find('t1', draft.id))!.currentSegment).toBeNull();
    expect((await repo.turns('t1', draft.id))[0]!.result).toEqual({ question: 'Which?' });
  });

  it('never leaves half a write: when the turn cannot be written, neither is the conversation', async () => {
    const draft = repo.draft('t1', 'key-1');
    await expect(
      repo.addTurn('t1', draft.id, turn({ text: null as never }), SEGMENT, { create: draft }),
    ).rejects.toThrow(/NOT NULL/i);
    expect(await repo.find('t1', draft.id)).toBeNull();
    expect(await ds.getRepository(ConversationTurnEntity).countBy({ conversationId: draft.id })).toBe(0);
  });
});
