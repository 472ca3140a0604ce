-- Citizens apply through the API: start a draft (POST /api/v1/applications, 201), then submit
-- it (POST /api/v1/applications/<id>/actions {"action": "submit"}, 200), each with the citizen's
-- session cookie and CSRF token, as the portal's own pages do.
--   wrk -s submit.lua URL -- SESSIONS_FILE CSRF AGENCY SERVICE ORIGIN
-- SESSIONS_FILE: one citizen a line, `session key<TAB>NIK<TAB>name`.
-- A session is chosen round-robin; its number rides in the answers so the submit that follows
-- the draft is made by the same citizen. One WRKJSON line at the end; `submitted` counts
-- completed submissions (the rate compared with pgbench).

local threads = {}
local sessions = {}
local queue = {}
local n = 0
started = 0
submitted = 0
unexpected = 0

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

local csrf, agency, service, origin

function init(args)
  for line in io.lines(args[1]) do
    local key, nik, name = string.match(line, "^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if key then table.insert(sessions, {key = key, nik = nik, name = name}) end
  end
  csrf, agency, service, origin = args[2], args[3], args[4], args[5]
  n = offset or 0
end

local function headers(k)
  return {
    ["X-Forwarded-Proto"] = "https",
    ["Content-Type"] = "application/json",
    ["Cookie"] = "sessionid=" .. sessions[k].key .. "; csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
    ["Referer"] = origin .. "/",
  }
end

function request()
  if #queue > 0 then
    local item = table.remove(queue, 1)
    return wrk.format("POST", "/api/v1/applications/" .. item.id .. "/actions", headers(item.k),
      '{"action": "submit", "note": ""}')
  end
  n = n + 1
  local k = n % #sessions + 1
  local body = string.format(
    '{"agency": "%s", "service": "%s", "answers": {"nik": "%s", "nama": "%s", ' ..
    '"keperluan": "Persyaratan melamar kerja #%d"}}',
    agency, service, sessions[k].nik, sessions[k].name, k)
  return wrk.format("POST", "/api/v1/applications", headers(k), body)
end

function response(status, hdrs, body)
  if status == 201 then
    local id = string.match(body, '"id":%s*(%d+)')
    local k = string.match(body, '#(%d+)"')
    started = started + 1
    if id and k then table.insert(queue, {id = id, k = tonumber(k)}) else unexpected = unexpected + 1 end
  elseif status == 200 then
    submitted = submitted + 1
  else
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local bad, s, st = 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("unexpected")
    s = s + t:get("submitted")
    st = st + t:get("started")
  end
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"status_errors":%d,"timeouts":%d,"unexpected_status":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,"started":%d,"submitted":%d}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, bad,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean, st, s))
end
