'use strict';
// Shared by the benchmark children: throughput, peak RSS and event-loop delay for one run.
//
// Event-loop delay is measured directly: a 1 ms interval timer records how late each tick
// fires (the gap since the previous tick minus 1 ms). Its p99 and max are what another task
// on the same loop (an HTTP handler, a timer) would wait at worst.

function startMeasure() {
  const lateness = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lateness.push(Math.max(0, now - last - 1));
    last = now;
  }, 1);
  const t0 = process.hrtime.bigint();
  return (msgs, bytes) => {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    clearInterval(timer);
    lateness.push(Math.max(0, performance.now() - last - 1)); // a final stall counts too
    lateness.sort((a, b) => a - b);
    const p99 = lateness[Math.min(lateness.length - 1, Math.floor(lateness.length * 0.99))];
    return {
      msgs,
      ms: Math.round(ms),
      msgsPerSec: Math.round((msgs * 1000) / ms),
      mbPerSec: +((bytes / 1e6) * (1000 / ms)).toFixed(1),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      eldP99Ms: +p99.toFixed(1),
      eldMaxMs: +lateness[lateness.length - 1].toFixed(1),
    };
  };
}

/** Yields to the event loop (lets delivery reports and timers run). */
const tick = () => new Promise((resolve) => setImmediate(resolve));

module.exports = { startMeasure, tick };
