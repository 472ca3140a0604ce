-- GET a rotating list of paths, as a browser or client behind the TLS proxy would.
--   wrk -s get.lua URL -- PATHS_FILE [COOKIE]
-- Counts every answer other than 200 as an error; prints one WRKJSON line at the end.

local threads = {}
local paths = {}
local headers = {}
local counter = 0
unexpected = 0

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  headers["X-Forwarded-Proto"] = "https"
  headers["Accept-Language"] = "id"
  if args[2] and args[2] ~= "" then headers["Cookie"] = args[2] end
  counter = (offset or 0) % #paths
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], headers)
end

function response(status, hdrs, body)
  if status ~= 200 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local bad, extra = 0, ""
  for _, t in ipairs(threads) do bad = bad + t:get("unexpected") end
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"status_errors":%d,"timeouts":%d,"unexpected_status":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, bad,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
