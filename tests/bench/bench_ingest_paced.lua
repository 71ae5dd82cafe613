-- bench_ingest.lua at a fixed offered load, for the soak (SOAK_RATE): each
-- connection waits PAUSE ms (the fourth argument) after an answer before its next
-- request, so N connections offer about N * 1000 / PAUSE pushes a second. A soak at
-- full speed would write more image bytes in ten minutes than the disk holds; memory
-- flatness is a question about steady operation, not about the peak rate.
--
--   wrk ... -s bench_ingest_paced.lua URL -- TEMPLATE DEVICES.lua T PAUSE
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "bench_ingest.lua")

local base_init = init
function init(args)
   base_init(args)
   pause_ms = tonumber(args[4]) or 0
end

function delay()
   return pause_ms
end
