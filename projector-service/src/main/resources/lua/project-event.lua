-- Projects one task event into the latest state of its execution and the indexes (SPEC §2), atomically.
-- Names in ${...} are filled in from shared-model (ExecutionHash, RedisKeys, TaskStatus) when the script is built.
--
-- KEYS[1]     execution hash
-- KEYS[2]     project index            KEYS[3]     global index
-- KEYS[4..6]  project status indexes   KEYS[7..9]  global status indexes   (both in TaskStatus order)
-- ARGV[1]     stream entry id          ARGV[2]     occurredAt, canonical text
-- ARGV[3]     occurredAt epoch ms      ARGV[4]     position of the status in TaskStatus order (1-based)
-- ARGV[5]     executionId (index member)
-- ARGV[6]     project
-- ARGV[7..]   the event's hash fields and values, lastEventId included
-- Returns 1 when the event became the projected state, 0 when it is older than the state (ignored; the
-- derived startedAt may still have moved earlier), or, as a string, the error a Redis command failed with
-- (nothing is rolled back: commands before it stay applied, as with an error reply).

local hash = KEYS[1]
local entryId = ARGV[1]
local occurredAt = ARGV[2]
local occurredMs = tonumber(ARGV[3])
local statusPosition = tonumber(ARGV[4])
local member = ARGV[5]
local project = ARGV[6]

local EVENT_FIELDS = ${EVENT_FIELDS}
local STATUS_NAMES = ${STATUS_NAMES}
local STATUS_COUNT = #STATUS_NAMES
local IN_PROGRESS_POSITION = ${IN_PROGRESS_POSITION}
local PROJECT_INDEX_PREFIX = ${PROJECT_INDEX_PREFIX}
local PROJECT_INDEX_SUFFIX = ${PROJECT_INDEX_SUFFIX}
local PROJECT_STATUS_INDEX_SUFFIXES = ${PROJECT_STATUS_INDEX_SUFFIXES}

-- Stream entry ids are "<ms>-<seq>" with decimal parts without leading zeros: compare numerically by length,
-- then by text, which is exact at any size (Lua numbers are not).
local function decimalAfter(a, b)
  if #a ~= #b then
    return #a > #b
  end
  return a > b
end

local function entryIdAfter(a, b)
  local aMs, aSeq = string.match(a, '^(%d+)-(%d+)$')
  local bMs, bSeq = string.match(b, '^(%d+)-(%d+)$')
  if not bMs then
    return true
  end
  if aMs ~= bMs then
    return decimalAfter(aMs, bMs)
  end
  return decimalAfter(aSeq, bSeq)
end

-- The projection itself; a failing Redis command (WRONGTYPE on a key something else wrote) raises an error.
local function projectEvent()
  local current = redis.call('HMGET', hash, ${OCCURRED_AT_MS}, ${LAST_EVENT_ID}, ${STATUS}, ${PROJECT},
    ${STARTED_AT_MS})
  local currentMs = tonumber(current[1])
  local currentId = current[2]
  local currentStatus = current[3]
  local currentProject = current[4]
  local startedMs = tonumber(current[5])

  -- The ordering rule: occurredAt decides, then the stream entry id.
  local newer
  if not currentMs or not currentId then
    newer = true
  elseif occurredMs ~= currentMs then
    newer = occurredMs > currentMs
  else
    newer = entryIdAfter(entryId, currentId)
  end

  if newer then
    redis.call('HDEL', hash, unpack(EVENT_FIELDS))
    redis.call('HSET', hash, unpack(ARGV, 7))

    if currentProject and currentProject ~= project then
      -- The execution moved to another project: it leaves the old project's indexes.
      redis.call('ZREM', PROJECT_INDEX_PREFIX .. currentProject .. PROJECT_INDEX_SUFFIX, member)
      for position = 1, STATUS_COUNT do
        redis.call('ZREM', PROJECT_INDEX_PREFIX .. currentProject .. PROJECT_STATUS_INDEX_SUFFIXES[position], member)
      end
    end
    redis.call('ZADD', KEYS[2], 'GT', ARGV[3], member)
    redis.call('ZADD', KEYS[3], 'GT', ARGV[3], member)
    -- Exactly one status index holds the execution: the one of its projected status.
    for position = 1, STATUS_COUNT do
      if position == statusPosition then
        redis.call('ZADD', KEYS[3 + position], 'GT', ARGV[3], member)
        redis.call('ZADD', KEYS[3 + STATUS_COUNT + position], 'GT', ARGV[3], member)
      else
        redis.call('ZREM', KEYS[3 + position], member)
        redis.call('ZREM', KEYS[3 + STATUS_COUNT + position], member)
      end
    end
  end

  -- startedAt: the earliest in_progress instant, whenever that event arrives.
  local startedMoved = false
  if statusPosition == IN_PROGRESS_POSITION and (not startedMs or occurredMs < startedMs) then
    startedMs = occurredMs
    startedMoved = true
    redis.call('HSET', hash, ${STARTED_AT}, occurredAt, ${STARTED_AT_MS}, ARGV[3])
  end

  -- durationMs: terminal occurredAt minus startedAt, while the projected state is terminal and both are known.
  if newer or startedMoved then
    local projectedMs = newer and occurredMs or currentMs
    local projectedStatus = newer and STATUS_NAMES[statusPosition] or currentStatus
    if startedMs and projectedStatus ~= STATUS_NAMES[IN_PROGRESS_POSITION] then
      redis.call('HSET', hash, ${DURATION_MS}, string.format('%d', projectedMs - startedMs))
    else
      redis.call('HDEL', hash, ${DURATION_MS})
    end
  end

  if newer then
    return 1
  end
  return 0
end

-- An error reply would fail the caller's whole pipeline and lose the replies of the other events in it, which
-- Redis applied all the same: answer the error text instead, so that every event keeps its own outcome.
local ok, outcome = pcall(projectEvent)
if ok then
  return outcome
end
if type(outcome) == 'table' and outcome.err then
  return outcome.err
end
return tostring(outcome)
