/**
 * `items` followed by `added`, keeping only the newest `capacity`: the bounded buffer of a live
 * stream. A new array (stores hand out immutable values), never longer than `capacity`.
 */
export function appendBounded<T>(items: readonly T[], added: readonly T[], capacity: number): T[] {
  if (added.length >= capacity) return added.slice(added.length - capacity);
  const kept = Math.min(items.length, capacity - added.length);
  return [...items.slice(items.length - kept), ...added];
}
