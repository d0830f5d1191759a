import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, Min, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: unknown;
}

class Child extends Base {
  @IsInt()
  @Min(1, { groups: ['strict'] })
  quantity!: unknown;
}

const errors = (value: object, groups?: string[]) =>
  validateSync(value, { groups })
    .flatMap((e) => Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`))
    .sort();

const child = (name: unknown, quantity: unknown) => Object.assign(new Child(), { name, quantity });

describe('cacheValidationMetadata', () => {
  const cases: Array<[object, string[] | undefined]> = [
    [child('Naan', 2), undefined],
    [child(7, 'two'), undefined],
    [child('Naan', 0), undefined],
    [child('Naan', 0), ['strict']],
    [Object.assign(new Base(), { name: 3 }), undefined],
  ];

  it('gives the same answers as the uncached lookup, inherited rules and groups included', () => {
    const before = cases.map(([value, groups]) => errors(value, groups));
    cacheValidationMetadata();
    cacheValidationMetadata(); // once per process, however often called
    const after = cases.map(([value, groups]) => errors(value, groups));
    expect(after).toEqual(before);
    expect(before[1]).toEqual(['name:isString', 'quantity:isInt', 'quantity:min']);
    expect(before[0]).toEqual([]);
    expect(before[4]).toEqual(['name:isString']);
  });

  it('remembers a class’s rules instead of scanning every class again', () => {
    cacheValidationMetadata();
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['strict'])).not.toBe(first);
  });
});
