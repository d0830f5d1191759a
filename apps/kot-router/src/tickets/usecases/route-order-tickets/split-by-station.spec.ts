import { splitByStation } from './split-by-station';

describe('splitByStation', () => {
  it('makes one group per station, lines in order, modifiers and notes kept', () => {
    const groups = splitByStation({
      items: [
        {
          lineId: '1',
          externalCode: 'A',
          name: 'Paneer Tikka',
          quantity: 2,
          unitPrice: 1,
          modifiers: [{ name: 'extra spicy', quantity: 1, unitPrice: 0 }],
          station: 'tandoor',
        },
        {
          lineId: '2',
          externalCode: 'B',
          name: 'Mango Lassi',
          quantity: 1,
          unitPrice: 1,
          modifiers: [],
          station: 'bar',
          notes: 'less sugar',
        },
        {
          lineId: '3',
          externalCode: 'C',
          name: 'Garlic Naan',
          quantity: 3,
          unitPrice: 1,
          modifiers: [],
          station: 'tandoor',
        },
        { lineId: '4', externalCode: 'D', name: 'Water', quantity: 1, unitPrice: 1, modifiers: [] },
      ],
    });
    expect([...groups.keys()]).toEqual(['tandoor', 'bar', 'kitchen']);
    expect(groups.get('tandoor')).toEqual([
      { name: 'Paneer Tikka', quantity: 2, modifiers: [{ name: 'extra spicy', quantity: 1 }] },
      { name: 'Garlic Naan', quantity: 3, modifiers: [] },
    ]);
    expect(groups.get('bar')).toEqual([
      { name: 'Mango Lassi', quantity: 1, modifiers: [], notes: 'less sugar' },
    ]);
  });
});
