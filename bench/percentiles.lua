-- wrk prints p50 and p95 (microseconds) for bench/mesurer.py; its own --latency table has no p95.
done = function(summary, latency, requests)
  io.write(string.format("p50=%d p95=%d\n", latency:percentile(50), latency:percentile(95)))
end
