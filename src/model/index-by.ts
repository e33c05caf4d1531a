/**
 * Lists grouped by a key, built once per list and key function: the model's links look items up by folder, name
 * or label instead of scanning every item for every other (issue 9: linking in linear time).
 */
const built = new WeakMap<readonly unknown[], Map<(item: never) => unknown, ReadonlyMap<unknown, readonly unknown[]>>>();

/** The items of `list` grouped by `key`, in list order. `key` must be a function defined once (module level), not a new closure per call. */
export function indexBy<T, K>(list: readonly T[], key: (item: T) => K): ReadonlyMap<K, readonly T[]> {
  const byKey = built.get(list) ?? new Map();
  built.set(list, byKey);
  const found = byKey.get(key as (item: never) => unknown) as ReadonlyMap<K, readonly T[]> | undefined;
  if (found) return found;
  const index = Map.groupBy(list, key);
  byKey.set(key as (item: never) => unknown, index as ReadonlyMap<unknown, readonly unknown[]>);
  return index;
}
