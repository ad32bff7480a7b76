// Ordering rules shared with the server (SPEC §2, docs/dashboard-api.md "Client protocol").

/** A stream entry id "ms-seq" as a pair of BigInts (both parts exceed 2^53 in general). */
function entryId(id) {
  const [ms, seq = '0'] = String(id).split('-');
  return [BigInt(ms), BigInt(seq)];
}

function compareEntryIds(a, b) {
  const [aMs, aSeq] = entryId(a);
  const [bMs, bSeq] = entryId(b);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

/** Newer-wins: does `candidate` describe a later state of its execution than `current`? */
export function isNewer(candidate, current) {
  const byTime = Date.parse(candidate.occurredAt) - Date.parse(current.occurredAt);
  if (byTime !== 0) return byTime > 0;
  return compareEntryIds(candidate.lastEventId, current.lastEventId) > 0;
}

/** The snapshot's order: occurredAt descending, then executionId descending (byte order; ids are ASCII). */
export function compareNewestFirst(a, b) {
  const byTime = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  if (byTime !== 0) return byTime;
  if (a.executionId === b.executionId) return 0;
  return a.executionId < b.executionId ? 1 : -1;
}
