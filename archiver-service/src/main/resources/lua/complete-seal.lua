-- Completes a sealed batch once S3 confirmed its object: forgets the seal, acknowledging its entries in the
-- same step (the archiver acknowledged them just before, through its consumer loop; doing it here too means a
-- seal is never forgotten while one of its entries is pending: such an entry could be delivered again and
-- archived in a second, differently cut batch).
--
-- KEYS[1] the stream, KEYS[2] the group's seal hash
-- ARGV[1] group, ARGV[2] object key, ARGV[3..] the batch's entry ids
--
-- Returns how many entries were still pending (acknowledged now).
local stream, seals = KEYS[1], KEYS[2]
local group, objectKey = ARGV[1], ARGV[2]

local acknowledged = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  acknowledged = acknowledged + redis.call('XACK', stream, group, id)
  if redis.call('HGET', seals, ${ENTRY_FIELD_PREFIX} .. id) == objectKey then
    redis.call('HDEL', seals, ${ENTRY_FIELD_PREFIX} .. id)
  end
end
redis.call('HDEL', seals, ${OBJECT_FIELD_PREFIX} .. objectKey)
return acknowledged
