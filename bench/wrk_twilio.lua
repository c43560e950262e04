-- wrk script: Twilio inbound-SMS webhooks (form POST to /sms/twilio) for
-- warmline-gateway. Every request has its own MessageSid (run tag, wrk thread
-- id, per-thread counter), so none is answered as a duplicate; From cycles
-- through 1,000 fictional callers (+1 NPA 555-01xx, NPA 201-210), so the
-- first text from each opens a contact and the rest are appended to it.
-- No X-Twilio-Signature: run the gateway without twilio.auth_token.
--
--   wrk -t2 -c32 -d15s -s bench/wrk_twilio.lua http://127.0.0.1:PORT
--
-- Synthetic data only.

local callers = 1000
local next_thread_id = 0
local setup_tag = tostring(os.time())

-- Runs in wrk's main Lua state, once per thread; the values become globals
-- in that thread's own state.
function setup(thread)
   thread:set("tid", next_thread_id)
   thread:set("run_tag", setup_tag)
   next_thread_id = next_thread_id + 1
end

local counter = 0
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function init(args)
   tid = tid or 0
   run_tag = run_tag or setup_tag
end

local function caller(n)
   local c = n % callers
   -- "+1" NPA "555" "01xx", '+' form-encoded as %2B
   return string.format("%%2B1%03d55501%02d", 201 + math.floor(c / 100), c % 100)
end

function request()
   counter = counter + 1
   local sid = string.format("SMwrk%st%dn%d", run_tag, tid, counter)
   local body = "MessageSid=" .. sid ..
      "&AccountSid=ACsynthetic" ..
      "&From=" .. caller(counter * 7 + tid) ..
      "&To=%2B15555550199" ..
      "&Body=cannot+sleep+again+and+wanted+to+talk+to+someone" ..
      "&NumMedia=0"
   return wrk.format("POST", "/sms/twilio", headers, body)
end
