-- wrk script of bench_ingest.sh: POSTs face pushes made from a template, the same
-- bytes for nginx and for FaceDesk.
--
--   wrk -t T -c N -d S -s bench_ingest.lua URL -- TEMPLATE DEVICES.lua T
--
-- TEMPLATE is a sw_face_compare_push written by make_push_body with @@UUID@@,
-- @@TOKEN@@ and @@SEQ@@ placeholders; DEVICES.lua returns { {uuid, token}, ... }.
-- Thread t sends for devices t, t+T, t+2T, ... in turn, each request with a new
-- @@SEQ@@ (thread number and request count, 16 hex digits), so every request is a
-- new event with new image bytes. A device's token is bound to its uuid, not to a
-- connection, so which of the thread's connections carries it does not matter.
--
-- An answer counts as "ok" when it is HTTP 200 with "code":0 in its body (nginx's
-- fixed {"code":0}; FaceDesk's, sent only after the event is committed). done()
-- prints one line, "WRK key=value ...", that bench_ingest.sh reads.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

function init(args)
   local template_path, devices_path = args[1], args[2]
   local nthreads = tonumber(args[3]) or 1
   local f = assert(io.open(template_path, "rb"))
   local text = f:read("*a")
   f:close()
   -- Split the template at its placeholders once; a request is a concatenation.
   pieces, kinds = {}, {}
   local pos = 1
   while true do
      local s, e, name = text:find("@@(%u+)@@", pos)
      if not s then break end
      table.insert(pieces, text:sub(pos, s - 1))
      table.insert(kinds, name)
      pos = e + 1
   end
   tail = text:sub(pos)
   fixed = #tail
   for _, p in ipairs(pieces) do fixed = fixed + #p end

   local all = dofile(devices_path)
   mine = {}
   for i = tid, #all, nthreads do table.insert(mine, all[i]) end
   if #mine == 0 then mine = all end

   local host = wrk.host .. ":" .. wrk.port
   head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. host ..
          "\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: "
   sent, ok, bad, sample = 0, 0, 0, ""
end

function request()
   sent = sent + 1
   local d = mine[(sent - 1) % #mine + 1]
   local seq = string.format("%04x%012x", tid, sent)
   local out, length = {}, fixed
   for i = 1, #pieces do
      local k = kinds[i]
      local v = (k == "SEQ" and seq) or (k == "UUID" and d[1]) or d[2]
      out[2 * i] = pieces[i]
      out[2 * i + 1] = v
      length = length + #v
   end
   out[1] = head .. length .. "\r\n\r\n"
   out[2 * #pieces + 2] = tail
   return table.concat(out)
end

function response(status, headers, body)
   if status == 200 and body and body:find('"code":0', 1, true) then
      ok = ok + 1
   else
      bad = bad + 1
      if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 200) end
   end
end

function done(summary, latency, requests)
   local ok_total, bad_total, sample_any = 0, 0, ""
   for _, t in ipairs(threads) do
      ok_total = ok_total + t:get("ok")
      bad_total = bad_total + t:get("bad")
      local s = t:get("sample")
      if sample_any == "" and s and s ~= "" then sample_any = s end
   end
   local e = summary.errors
   io.write(string.format(
      "WRK requests=%d duration_s=%.3f bytes=%d ok=%d bad=%d connect_errors=%d read_errors=%d " ..
      "write_errors=%d status_errors=%d timeouts=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      summary.requests, summary.duration / 1e6, summary.bytes, ok_total, bad_total, e.connect, e.read,
      e.write, e.status, e.timeout, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
   if sample_any ~= "" then
      io.write("WRK first refused answer: " .. sample_any:gsub("[\r\n]", " ") .. "\n")
   end
end
