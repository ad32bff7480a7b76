package dev.tasktrail.dashboard.snapshot;

import dev.tasktrail.service.stream.LuaScript;

/**
 * The Lua script behind one snapshot read: in a single atomic round trip it reads, for each index, the entries
 * after a cursor position and, on the first read of a request, the stream position the projection has surely
 * reached plus the per-status counts. Being atomic, position, counts and pages describe the same instant.
 *
 * <p>Cursor positioning costs O(log N) whatever the page: entries scoring above the cursor are counted
 * ({@code ZCOUNT}), and among the entries with the cursor's score (ordered by member) a binary search by rank
 * finds the first member below the cursor's. Members are compared byte by byte because Lua's {@code <} on strings
 * follows the server's locale, while Redis orders members by bytes.
 *
 * <p>A time range bounds the ranks the same way: a page starts no higher than the first entry below {@code to}
 * (the rank {@code ZCOUNT to +inf}) and ends at the last entry at or above {@code from} ({@code ZCOUNT from +inf}),
 * so entries outside the range are never read, and the counts become {@code ZCOUNT from (to} instead of
 * {@code ZCARD}.
 *
 * <p>The stream position is the last entry the projector's group is known to have applied: every entry before
 * the oldest one still pending (delivered but not acknowledged), or the group's last delivered entry when none
 * is pending. Entries after it may not be in the projected keys yet, so a client resuming the stream from it
 * misses nothing; reading the stream's last id instead would lose whatever the projector had not applied.
 */
final class IndexReadScript {

    private static final String SOURCE = """
            -- KEYS[1] the event stream; KEYS[2 .. 1+ARGV[1]] status indexes to count; the rest: indexes to page.
            -- ARGV[1] number of count keys (0: no stream position and no counts); ARGV[2] the projector's group;
            -- ARGV[3] entries to return per index; ARGV[4], ARGV[5] the range's scores: from (inclusive) and to
            -- (exclusive), each '' when unbounded; ARGV[6], ARGV[7] cursor score and member (absent: from the top).
            local function precedes(a, b)
              for i = 1, math.min(#a, #b) do
                local x, y = string.byte(a, i), string.byte(b, i)
                if x ~= y then return x < y end
              end
              return #a < #b
            end

            local function before_id(id)
              local ms, seq = string.match(id, '^(%d+)-(%d+)$')
              if tonumber(seq) > 0 then return ms .. '-' .. string.format('%d', tonumber(seq) - 1) end
              if tonumber(ms) > 0 then return string.format('%d', tonumber(ms) - 1) .. '-9223372036854775807' end
              return '0-0'
            end

            local function projected_through(stream, group)
              local ok, groups = pcall(redis.call, 'XINFO', 'GROUPS', stream)
              if not ok then return '0-0' end
              for _, fields in ipairs(groups) do
                local info = {}
                for i = 1, #fields, 2 do info[fields[i]] = fields[i + 1] end
                if info['name'] == group then
                  if info['pending'] == 0 then return info['last-delivered-id'] end
                  return before_id(redis.call('XPENDING', stream, group)[2])
                end
              end
              return '0-0'
            end

            -- Ranks count from the newest entry (ZREVRANGE order); a page is the ranks [start, stop].
            local function page(key, count, from, to, score, member)
              local start = 0
              if to then start = redis.call('ZCOUNT', key, to, '+inf') end
              if score then
                local low = redis.call('ZCOUNT', key, '(' .. score, '+inf')
                local high = low + redis.call('ZCOUNT', key, score, score)
                while low < high do
                  local middle = math.floor((low + high) / 2)
                  if precedes(redis.call('ZREVRANGE', key, middle, middle)[1], member) then
                    high = middle
                  else
                    low = middle + 1
                  end
                end
                start = math.max(start, low)
              end
              local stop = start + count - 1
              if from then stop = math.min(stop, redis.call('ZCOUNT', key, from, '+inf') - 1) end
              if stop < start then return {} end
              return redis.call('ZREVRANGE', key, start, stop, 'WITHSCORES')
            end

            local function count_in_range(key, from, to)
              if not from and not to then return redis.call('ZCARD', key) end
              return redis.call('ZCOUNT', key, from or '-inf', to and '(' .. to or '+inf')
            end

            local counted = tonumber(ARGV[1])
            local from = ARGV[4] ~= '' and ARGV[4] or nil
            local to = ARGV[5] ~= '' and ARGV[5] or nil
            local result = { '', {} }
            if counted > 0 then
              result[1] = projected_through(KEYS[1], ARGV[2])
              for i = 1, counted do result[2][i] = count_in_range(KEYS[1 + i], from, to) end
            end
            for i = 2 + counted, #KEYS do
              result[#result + 1] = page(KEYS[i], tonumber(ARGV[3]), from, to, ARGV[6], ARGV[7])
            end
            return result
            """;

    static final LuaScript SCRIPT = LuaScript.of("index-read", SOURCE);

    private IndexReadScript() {
    }
}
