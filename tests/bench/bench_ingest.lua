-- wrk script of bench_ingest.sh: POSTs face pushes made from a template, the same
-- bytes for nginx and for FaceDesk.
--
--   wrk -t T -c N -d S -s bench_ingest.lua URL -- TEMPLATE DEVICES.lua T [PAUSE_MS [FIRST_THREAD]]
--
-- TEMPLATE is a sw_face_compare_push written by make_push_body with @@UUID@@,
-- @@TOKEN@@ and @@SEQ@@ placeholders; DEVICES.lua returns { {uuid, token}, ... }, all
-- uuids of one length and all tokens of one length. Thread t sends for devices t,
-- t+T, t+2T, ... in turn, each request with a new @@SEQ@@ (thread number and request
-- count, 16 hex digits), so every request is a new event with new image bytes
-- (FIRST_THREAD, 0 by default, is added to the thread number: several wrk processes at
-- once, as bench_collectors.sh runs them, give each its own numbers; PAUSE_MS is read
-- by bench_ingest_paced.lua only, which shares these arguments). A
-- device's token belongs to its uuid, not to a connection, so which of the thread's
-- connections carries a device's push does not matter.
--
-- Speed: wrk copies the string request() returns into the connection's buffer at
-- once. Building a new 440 KB Lua string per request (concatenation) costs wrk more
-- than nginx spends receiving it: three extra copies and fresh pages from mmap for
-- every string (measured: 1,600 requests/s instead of 8,000 with a static body). So
-- the request is built once per thread with fixed-width placeholders, and request()
-- overwrites those ~160 bytes in place through the FFI and returns the same string
-- object. That string is never used as a table key nor compared, so changing its
-- bytes behind LuaJIT's back is safe here; the generator then runs at the speed of a
-- static body.
--
-- There is no response() callback (it would make wrk build a header table per
-- answer): both servers answer success with HTTP 200 only (nginx: its fixed
-- {"code":0}; FaceDesk: code 0 after the commit; FaceDesk's refusals all carry
-- 4xx/5xx), so "ok" is wrk's answered requests minus its status errors. done() prints
-- one line, "WRK key=value ...", that bench_ingest.sh reads.

local ffi = require("ffi")
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

function init(args)
   local f = assert(io.open(args[1], "rb"))
   local text = f:read("*a")
   f:close()
   local all = dofile(args[2])
   local nthreads = tonumber(args[3]) or 1
   seq_thread = tid + (tonumber(args[5]) or 0)
   mine = {}
   for i = tid, #all, nthreads do table.insert(mine, all[i]) end
   if #mine == 0 then mine = all end
   local uuid_len, token_len = #all[1][1], #all[1][2]
   for _, d in ipairs(all) do
      assert(#d[1] == uuid_len and #d[2] == token_len, "uuids and tokens must have one length each")
   end

   -- The body with every placeholder replaced by as many zeros as its value will
   -- have; remember where each one starts.
   local parts, places, length, pos = {}, {}, 0, 1
   while true do
      local s, e, name = text:find("@@(%u+)@@", pos)
      if not s then break end
      local piece = text:sub(pos, s - 1)
      table.insert(parts, piece)
      length = length + #piece
      local width = (name == "SEQ" and 16) or (name == "UUID" and uuid_len) or token_len
      table.insert(places, { name, length })
      table.insert(parts, string.rep("0", width))
      length = length + width
      pos = e + 1
   end
   table.insert(parts, text:sub(pos))
   local body = table.concat(parts)
   local head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. wrk.host .. ":" .. wrk.port ..
                "\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: " .. #body .. "\r\n\r\n"
   req = head .. body
   for _, p in ipairs(places) do p[2] = p[2] + #head end
   slots = places
   bytes = ffi.cast("char *", req)
   sent = 0
end

function request()
   sent = sent + 1
   local d = mine[(sent - 1) % #mine + 1]
   local seq = string.format("%04x%012x", seq_thread, sent)
   for i = 1, #slots do
      local kind, at = slots[i][1], slots[i][2]
      local v = (kind == "SEQ" and seq) or (kind == "UUID" and d[1]) or d[2]
      ffi.copy(bytes + at, v, #v)
   end
   return req
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "WRK requests=%d duration_s=%.3f bytes=%d ok=%d connect_errors=%d read_errors=%d " ..
      "write_errors=%d status_errors=%d timeouts=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      summary.requests, summary.duration / 1e6, summary.bytes, summary.requests - e.status, e.connect, e.read,
      e.write, e.status, e.timeout, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
