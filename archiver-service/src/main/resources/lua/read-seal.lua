-- Reads a sealed batch back, to write its object again: its entry ids and each entry's event, from the stream.
--
-- KEYS[1] the stream, KEYS[2] the group's seal hash
-- ARGV[1] object key
--
-- Returns {} when there is no such seal (its batch was completed: every entry acknowledged), else a flat
-- {id, event, ...} in stream order, event '' for an entry no longer in the stream (deleted by hand). (No Lua
-- false or nil in replies: RESP2 and RESP3 clients would see them differently.)
local stream, seals = KEYS[1], KEYS[2]
local members = redis.call('HGET', seals, ${OBJECT_FIELD_PREFIX} .. ARGV[1])
if not members then
  return {}
end

local result = {}
for id in string.gmatch(members, '[^,]+') do
  local event = ''
  local entries = redis.call('XRANGE', stream, id, id)
  if entries[1] then
    local fields = entries[1][2]
    for i = 1, #fields, 2 do
      if fields[i] == ${EVENT_FIELD} then
        event = fields[i + 1]
      end
    end
  end
  result[#result + 1] = id
  result[#result + 1] = event
end
return result
