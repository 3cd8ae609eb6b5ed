-- wrk script: every request asks for a random page of the member directory, so that most
-- cards are not yet rendered and kept (bench/directory.sh).
math.randomseed(os.time())
local pages = tonumber(os.getenv("MUSUBI_BENCH_PAGES") or "300")
request = function()
    return wrk.format("GET", "/members?page=" .. math.random(1, pages))
end
