package dev.tasktrail.service.stream;

import static dev.tasktrail.service.stream.LuaScript.luaString;

import dev.tasktrail.model.RedisKeys;
import java.util.Map;

/**
 * The loop's small server-side steps. Each checks who owns an entry and acts in the same atomic step, so two
 * replicas racing for one entry (one claiming it while the other still works on it) never both act on it.
 */
final class ConsumerScripts {

    /**
     * Delivery count and owner of each id. KEYS: stream. ARGV: group, ids... Returns one {@code {owner,
     * deliveries}} per id, {@code {'', 0}} when the id is no longer pending.
     */
    static final LuaScript PENDING_INFO = LuaScript.of("pending-info", """
            local result = {}
            for i = 2, #ARGV do
              local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if pending[1] then
                result[i - 1] = {pending[1][2], pending[1][4]}
              else
                result[i - 1] = {'', 0}
              end
            end
            return result
            """);

    /**
     * Moves entries this consumer still owns to the dead-letter stream and acknowledges them. KEYS: stream,
     * dead-letter stream. ARGV: group, consumer, then (id, raw event, reason) triples. Returns the moved ids.
     */
    static final LuaScript DEAD_LETTER = LuaScript.of("dead-letter", """
            local moved = {}
            for i = 3, #ARGV, 3 do
              local id = ARGV[i]
              local pending = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
              if pending[1] and pending[1][2] == ARGV[2] then
                redis.call('XADD', KEYS[2], '*', ${ENTRY_ID}, id, ${EVENT}, ARGV[i + 1],
                  ${GROUP}, ARGV[1], ${REASON}, ARGV[i + 2])
                redis.call('XACK', KEYS[1], ARGV[1], id)
                moved[#moved + 1] = id
              end
            end
            return moved
            """, Map.of(
            "ENTRY_ID", luaString(RedisKeys.DeadLetter.ENTRY_ID),
            "EVENT", luaString(RedisKeys.DeadLetter.EVENT),
            "GROUP", luaString(RedisKeys.DeadLetter.GROUP),
            "REASON", luaString(RedisKeys.DeadLetter.REASON)));

    /**
     * Resets the idle time of entries this consumer still owns without counting a delivery ({@code XCLAIM ...
     * JUSTID}), so no replica claims work a live handler still holds. KEYS: stream. ARGV: group, consumer,
     * ids... Returns the ids another consumer owns by now (ids no longer pending were acknowledged meanwhile).
     */
    static final LuaScript TOUCH = LuaScript.of("touch", """
            local owned = {}
            local lost = {}
            for i = 3, #ARGV do
              local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if pending[1] then
                if pending[1][2] == ARGV[2] then
                  owned[#owned + 1] = ARGV[i]
                else
                  lost[#lost + 1] = ARGV[i]
                end
              end
            end
            if #owned > 0 then
              local claim = {'XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0}
              for _, id in ipairs(owned) do
                claim[#claim + 1] = id
              end
              claim[#claim + 1] = 'JUSTID'
              redis.call(unpack(claim))
            end
            return lost
            """);

    /**
     * Removes this consumer from the group when nothing is pending for it (a stopped replica leaves no trace in
     * XINFO CONSUMERS). KEYS: stream. ARGV: group, consumer. Returns 1 when removed, 0 when entries are pending.
     */
    static final LuaScript LEAVE = LuaScript.of("leave", """
            local pending = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
            if #pending > 0 then
              return 0
            end
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """);

    private ConsumerScripts() {
    }
}
