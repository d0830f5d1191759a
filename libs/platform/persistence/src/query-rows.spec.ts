import { queryRows } from './query-rows';

describe('queryRows', () => {
  it('unwraps the [rows, count] TypeORM returns for UPDATE and DELETE', () => {
    expect(queryRows([[], 0])).toEqual([]);
    expect(queryRows([[{ id: 'a' }], 1])).toEqual([{ id: 'a' }]);
  });

  it('keeps SELECT and INSERT rows as they are', () => {
    expect(queryRows([{ id: 'a' }, { id: 'b' }])).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(queryRows([])).toEqual([]);
  });
});
