import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const installed = Symbol.for('hub.validationMetadataCache');

/**
 * class-validator 0.15 looks up a class's rules on every `validate` by scanning the rules of every
 * decorated class in the process (typestack/class-validator#2686), then groups them by property: with
 * the contracts, adapters and DTOs of a service loaded, that scan was a tenth of a consumer's CPU
 * (docs/performance.md). A class's own and inherited rules are all registered when the class is
 * defined, before any instance can be validated, so the answer for a (class, schema, options) never
 * changes: this remembers it, and the grouping of each answer. Installed once per process (module
 * load of the contracts lib), for every validation in it (events, and the HTTP ValidationPipe).
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [installed]?: true };
  if (marked[installed]) return;
  marked[installed] = true;

  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const byTarget = new WeakMap<object, Map<string, Metadatas>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let answers = byTarget.get(target);
    if (!answers) byTarget.set(target, (answers = new Map()));
    let metadatas = answers.get(key);
    if (!metadatas) answers.set(key, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };

  const group = storage.groupByPropertyName.bind(storage);
  const grouped = new WeakMap<Metadatas, Grouped>();
  storage.groupByPropertyName = (metadatas) => {
    let answer = grouped.get(metadatas);
    if (!answer) grouped.set(metadatas, (answer = group(metadatas)));
    return answer;
  };
}
