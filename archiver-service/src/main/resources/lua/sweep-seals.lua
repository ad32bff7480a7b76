-- Forgets seals none of whose entries is pending any more. Only an entry moved to the dead-letter stream
-- after too many deliveries is acknowledged without completing its seal; such seals would otherwise stay
-- forever. Safe while replicas run: a batch is sealed only while all its entries are pending.
--
-- KEYS[1] the stream, KEYS[2] the group's seal hash
-- ARGV[1] group, ARGV[2] HSCAN cursor
--
-- Returns {next cursor ('0' when done), seals forgotten}.
local stream, seals = KEYS[1], KEYS[2]
local group = ARGV[1]

local scan = redis.call('HSCAN', seals, ARGV[2], 'MATCH', ${OBJECT_FIELD_PREFIX} .. '*', 'COUNT', 100)
local forgotten = 0
local fields = scan[2]
for i = 1, #fields, 2 do
  local objectField, members = fields[i], fields[i + 1]
  local pending = false
  for id in string.gmatch(members, '[^,]+') do
    if redis.call('XPENDING', stream, group, id, id, 1)[1] then
      pending = true
      break
    end
  end
  if not pending then
    for id in string.gmatch(members, '[^,]+') do
      redis.call('HDEL', seals, ${ENTRY_FIELD_PREFIX} .. id)
    end
    redis.call('HDEL', seals, objectField)
    forgotten = forgotten + 1
  end
end
return {scan[1], forgotten}
