-- Seals a batch before its object is written: records which entries the object will hold, so that a retry
-- after a crash (by this replica or by one that claimed the entries) writes exactly the same object again.
-- Atomic: checks and records in one step, so no entry can end up in two sealed batches.
--
-- KEYS[1] the stream, KEYS[2] the group's seal hash (RedisKeys.archiveSeals)
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] object key, ARGV[4..] the batch's entry ids in stream order
--
-- Returns {} when sealed (also when this very seal exists already: a retried call). Otherwise nothing is
-- recorded and the reply lists every entry that cannot be sealed as a flat {id, sealedAs, ...}:
--   sealedAs = ''          the entry is no longer pending for this consumer (acknowledged, or claimed by
--                          another consumer, which is now responsible for it)
--   sealedAs = object key  the entry belongs to an earlier sealed batch: finish that one instead
local stream, seals = KEYS[1], KEYS[2]
local group, consumer, objectKey = ARGV[1], ARGV[2], ARGV[3]

local conflicts = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  local pending = redis.call('XPENDING', stream, group, id, id, 1)
  if pending[1] == nil or pending[1][2] ~= consumer then
    conflicts[#conflicts + 1] = id
    conflicts[#conflicts + 1] = ''
  else
    local sealedAs = redis.call('HGET', seals, ${ENTRY_FIELD_PREFIX} .. id)
    if sealedAs and sealedAs ~= objectKey then
      conflicts[#conflicts + 1] = id
      conflicts[#conflicts + 1] = sealedAs
    end
  end
end
if #conflicts > 0 then
  return conflicts
end

local members = {}
for i = 4, #ARGV do
  members[#members + 1] = ARGV[i]
  redis.call('HSET', seals, ${ENTRY_FIELD_PREFIX} .. ARGV[i], objectKey)
end
redis.call('HSET', seals, ${OBJECT_FIELD_PREFIX} .. objectKey, table.concat(members, ','))
return conflicts
