-- Trims the stream to what is safe to drop, in one atomic step (so replicas running it concurrently agree):
-- only entries every consumer group has acknowledged, never the newest ARGV[1] entries, never entries younger
-- than ARGV[2] ms, at most ARGV[3] entries per call.
--
-- KEYS[1]  the stream
-- ARGV[1]  minimum number of newest entries kept      ARGV[2]  minimum age in ms of entries that may go
-- ARGV[3]  most entries trimmed by one call
-- Returns {entries trimmed, entries left, what stopped the trim: a group name, 'min-entries', 'min-age', ''}.

local stream = KEYS[1]
if redis.call('EXISTS', stream) == 0 then
  return {0, 0, ''}
end
local length = redis.call('XLEN', stream)
local trimmable = length - tonumber(ARGV[1])
if trimmable <= 0 then
  return {0, length, 'min-entries'}
end

local function idBefore(a, b)
  local aMs, aSeq = string.match(a, '^(%d+)-(%d+)$')
  local bMs, bSeq = string.match(b, '^(%d+)-(%d+)$')
  if aMs ~= bMs then
    return #aMs < #bMs or (#aMs == #bMs and aMs < bMs)
  end
  return #aSeq < #bSeq or (#aSeq == #bSeq and aSeq < bSeq)
end

-- The first entry someone still needs; everything before it may go.
local keepFrom, keptBy = nil, ''
local function keep(id, by)
  if not keepFrom or idBefore(id, keepFrom) then
    keepFrom, keptBy = id, by
  end
end

-- A group needs its oldest pending entry (delivered, not acknowledged) and whatever it has not been delivered
-- yet. Entries up to its last delivered id that are not pending are acknowledged.
for _, group in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
  local name, lastDelivered
  for i = 1, #group, 2 do
    if group[i] == 'name' then
      name = group[i + 1]
    elseif group[i] == 'last-delivered-id' then
      lastDelivered = group[i + 1]
    end
  end
  local pending = redis.call('XPENDING', stream, name)
  if pending[1] > 0 then
    keep(pending[2], name)
  else
    -- The last delivered entry itself is kept too: one entry, and no id arithmetic.
    keep(lastDelivered, name)
  end
end

local time = redis.call('TIME')
local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
keep(string.format('%d', math.max(0, nowMs - tonumber(ARGV[2]))) .. '-0', 'min-age')

if keepFrom == '0-0' then
  return {0, length, keptBy}
end
local count = math.min(trimmable, tonumber(ARGV[3]))
local doomed = redis.call('XRANGE', stream, '-', '(' .. keepFrom, 'COUNT', count)
if #doomed == 0 then
  return {0, length, keptBy}
end
if #doomed == trimmable then
  keptBy = 'min-entries'
end
-- MINID trims every entry before the first one kept (with COUNT that may come before keepFrom).
local firstKept = redis.call('XRANGE', stream, '(' .. doomed[#doomed][1], '+', 'COUNT', 1)
local trimmed
if #firstKept == 0 then
  trimmed = redis.call('XTRIM', stream, 'MAXLEN', 0)
else
  trimmed = redis.call('XTRIM', stream, 'MINID', firstKept[1][1])
end
return {trimmed, length - trimmed, keptBy}
