/**
 * Lists grouped by a key, built once per list and key function: the model's links look items up by folder, name
 * or label instead of scanning every item for every other (issue 9: linking in linear time).
 */
const built = new WeakMap<readonly unknown[], Map<(item: never) => unknown, ReadonlyMap<unknown, readonly unknown[]>>>();

/** The items grouped by `key`, in list order: `Map.groupBy`, which the Node 20 that may run the bundle lacks. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The items of `list` grouped by `key`, in list order. `key` must be a function defined once (module level), not a new closure per call. */
export function indexBy<T, K>(list: readonly T[], key: (item: T) => K): ReadonlyMap<K, readonly T[]> {
  const byKey = built.get(list) ?? new Map();
  built.set(list, byKey);
  const found = byKey.get(key as (item: never) => unknown) as ReadonlyMap<K, readonly T[]> | undefined;
  if (found) return found;
  const index = groupBy(list, key);
  byKey.set(key as (item: never) => unknown, index as ReadonlyMap<unknown, readonly unknown[]>);
  return index;
}

/**
 * Items looked up by keys: each item filed under its keys once, the items of several keys returned once each, in list
 * order (a Service found by any of a pod's labels, an env file by its folder or its package).
 */
export function keyedIndex<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): (keys: Iterable<string>) => T[] {
  const position = new Map(items.map((item, i) => [item, i]));
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const list = byKey.get(key);
      if (list) list.push(item);
      else byKey.set(key, [item]);
    }
  }
  return (keys) => {
    const found = new Set<T>();
    for (const key of keys) for (const item of byKey.get(key) ?? []) found.add(item);
    return [...found].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  };
}
