import { CsvMenuError, csvToMenuImport } from './csv-menu.mapper';

const HEADER =
  'type,code,name,parent,category,price,station,prep_time_seconds,allergens,plu,sku,modifier_groups,min,max,default,quantity,options,description,position';

describe('csvToMenuImport', () => {
  it('turns every row type into the JSON import shape', () => {
    const csv = [
      HEADER,
      'category,starters,Starters,,,,,,,,,,,,,,,,1',
      'modifier_group,SPICE,Spice level,,,,,,,,,,1,1,,,,,',
      'modifier,MILD,Mild,SPICE,,0,,,,,,,,,true,,,,',
      'modifier,HOT,Hot,SPICE,,500,,,,,,,,,,,,,',
      'item,PANEER-TIKKA,Paneer Tikka,,starters,28000,tandoor,600,dairy|nuts,101,SKU-1,SPICE,,,,,,"Smoky, charred",',
      'combo,THALI,Thali,,,45000,curry,900,,,,,,,,,,,',
      'combo_component,MAIN,Main,THALI,,,,,,,,,,,DAL,1,DAL|BUTTER-CHICKEN:5000,,',
    ].join('\n');
    expect(csvToMenuImport(csv)).toEqual({
      categories: [{ code: 'starters', name: 'Starters', position: 1 }],
      modifierGroups: [
        {
          code: 'SPICE',
          name: 'Spice level',
          min: 1,
          max: 1,
          modifiers: [
            { code: 'MILD', name: 'Mild', price: 0, default: true, allergens: [] },
            { code: 'HOT', name: 'Hot', price: 500, default: false, allergens: [] },
          ],
        },
      ],
      items: [
        {
          code: 'PANEER-TIKKA',
          name: 'Paneer Tikka',
          price: 28000,
          station: 'tandoor',
          category: 'starters',
          description: 'Smoky, charred',
          prepTimeSeconds: 600,
          allergens: ['dairy', 'nuts'],
          plu: '101',
          sku: 'SKU-1',
          modifierGroups: ['SPICE'],
        },
      ],
      combos: [
        {
          code: 'THALI',
          name: 'Thali',
          price: 45000,
          station: 'curry',
          prepTimeSeconds: 900,
          allergens: [],
          modifierGroups: [],
          components: [
            {
              code: 'MAIN',
              name: 'Main',
              quantity: 1,
              default: 'DAL',
              options: [
                { item: 'DAL', upcharge: 0 },
                { item: 'BUTTER-CHICKEN', upcharge: 5000 },
              ],
            },
          ],
        },
      ],
    });
  });

  it('names the line and column of every problem', () => {
    const csv = [
      HEADER,
      'dish,X,X,,,,,,,,,,,,,,,,',
      'item,A,A,,,12.5,bar,,,,,,,,,,,,',
      'modifier,M,M,NOPE,,0,,,,,,,,,,,,,',
    ].join('\n');
    expect(() => csvToMenuImport(csv)).toThrow(CsvMenuError);
    try {
      csvToMenuImport(csv);
    } catch (error) {
      expect((error as CsvMenuError).problems).toEqual([
        'line 2: type must be one of category, modifier_group, modifier, item, combo, combo_component, got "dish"',
        'line 3: price must be a whole number, got "12.5"',
        'line 4: parent must be a modifier_group of this file, got "NOPE"',
      ]);
    }
  });
});
